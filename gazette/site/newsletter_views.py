"""The newsletter's public pages: sign up, confirm, unsubscribe (and RFC 8058 one-click).

Every link in a mail opens a page and changes nothing: the change is the POST of the button on
that page (mail scanners follow links; they do not press buttons). The forms sit on cached
public pages, which cannot carry a per-reader CSRF token, so these POSTs are guarded by the
browser's own statement of where the request comes from (`Sec-Fetch-Site`, else `Origin`): a
cross-site POST is refused. The one-click unsubscribe POST of RFC 8058 comes from the mailbox
provider's servers, without either header, and only ever unsubscribes the token's address.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language_info
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from gazette.articles.models import Section
from gazette.discovery.popular import client_address
from gazette.newsroom.newsletter import confirmation_later
from gazette.states import DigestFrequency
from gazette.subscriptions import services
from gazette.subscriptions.models import Subscriber

TEMPLATE = "site/newsletter.html"


def _cross_site(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin", "")
    if not origin or origin == "null":
        return bool(origin)  # "null": a sandboxed or privacy-stripped context; refused
    return urlsplit(origin).netloc.lower() != request.get_host().lower()


def same_site_post(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and _cross_site(request):
            return _page(
                request,
                "refused",
                "This form was sent from another site, so it was not accepted. "
                "Please use the form on this site.",
                status=403,
            )
        return view(request, *args, **kwargs)

    return guarded


def _page(
    request: HttpRequest, mode: str, message: str = "", *, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {
        "mode": mode,
        "message": message,
        "form_started": services.form_token(),
        **extra,
    }
    response = render(request, TEMPLATE, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@csrf_exempt
@same_site_post
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        if "challenge" in request.GET and settings.NEWSLETTER_POW_BITS > 0:
            # A fresh proof-of-work challenge for the form's script (never cached).
            return JsonResponse(
                {"challenge": services.pow_challenge(), "bits": settings.NEWSLETTER_POW_BITS}
            )
        return _page(request, "form", email=request.GET.get("email", "")[:254])
    email = request.POST.get("email", "")
    try:
        outcome = services.signup(
            email=email,
            client=client_address(request),
            form_started=request.POST.get("started", ""),
            honeypot=request.POST.get("nickname", ""),
            language=request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "",
            pow_challenge=request.POST.get("pow_challenge", "")[:500],
            pow_nonce=request.POST.get("pow_nonce", ""),
        )
    except services.SignupRefused as refusal:
        return _page(request, "form", str(refusal), status=400, email=email[:254])
    confirmation_later(outcome.subscriber_id)
    return _page(request, "accepted", outcome.message)


@never_cache
@csrf_exempt
@same_site_post
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = services.subscriber_for_confirmation(token)
    except services.TokenInvalid as invalid:
        return _page(request, "invalid", str(invalid), status=400)
    if request.method != "POST":
        return _page(request, "confirm", **_choices(subscriber))
    if services.confirm(subscriber) or subscriber.state == "confirmed":
        services.language_save(subscriber, language=request.POST.get("language", "")[:12])
        subscriber.refresh_from_db()
        return _page(
            request,
            "confirmed",
            "You are subscribed. The next edition is yours.",
            choices_token=services.unsubscribe_token(subscriber),
            **_choices(subscriber),
        )
    return _page(
        request,
        "invalid",
        "This address cannot be confirmed any more (it was unsubscribed or its mail bounced). "
        "Sign up again to receive the newsletter.",
        status=409,
    )


@never_cache
@csrf_exempt
@same_site_post
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = services.subscriber_for_unsubscribe(token)
    except services.TokenInvalid as invalid:
        return _page(request, "invalid", str(invalid), status=400)
    if request.method != "POST":
        return _page(request, "unsubscribe", email=subscriber.email)
    services.unsubscribe(subscriber)
    return _page(request, "unsubscribed", "You are unsubscribed; no more newsletters will come.")


@never_cache
@csrf_exempt
@same_site_post
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """How often, which sections and which language, through the signed link in every
    message (no account)."""
    try:
        subscriber = services.subscriber_for_unsubscribe(token)
    except services.TokenInvalid as invalid:
        return _page(request, "invalid", str(invalid), status=400)
    sections = list(Section.objects.order_by("name").values_list("slug", "name"))
    if request.method == "POST":
        known = {slug for slug, _name in sections}
        try:
            services.preferences_save(
                subscriber,
                frequency=request.POST.get("frequency", ""),
                sections=[slug for slug in request.POST.getlist("sections") if slug in known],
                language=request.POST.get("language", "")[:12],
            )
        except services.SignupRefused as refusal:
            return _page(
                request, "preferences", str(refusal), status=400, **_choices(subscriber, sections)
            )
        subscriber.refresh_from_db()
        return _page(
            request,
            "preferences",
            "Saved. The next edition follows your choices.",
            **_choices(subscriber, sections),
        )
    return _page(request, "preferences", **_choices(subscriber, sections))


def _choices(
    subscriber: Subscriber, sections: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    """The reader's choices as the confirmation and preferences pages show them."""
    language = services.newsletter_language(subscriber.language)
    return {
        "email": subscriber.email,
        "frequencies": DigestFrequency.choices,
        "frequency": subscriber.frequency,
        "frequency_label": DigestFrequency(subscriber.frequency).label,
        "sections": sections or [],
        "chosen": set(subscriber.sections or []),
        # The site's languages a reader may choose (NEWSLETTER_LANGUAGES), by their own name.
        "languages": [(code, _language_label(code)) for code in settings.NEWSLETTER_LANGUAGES],
        "language": language,
        "language_label": _language_label(language),
    }


def _language_label(code: str) -> str:
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code


@csrf_exempt
@require_POST
def one_click_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058: the mailbox provider POSTs `List-Unsubscribe=One-Click` to this URL."""
    try:
        subscriber = services.subscriber_for_unsubscribe(token)
    except services.TokenInvalid as invalid:
        return HttpResponse(str(invalid), status=400, content_type="text/plain; charset=utf-8")
    services.unsubscribe(subscriber)
    return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
