"""Readers' comments: post, reply, confirm an address, edit or delete, unsubscribe, and an
address's data (export, erase). Request handling only; the comments services do the work.

Every page a mailed link opens is a GET without side effects; its button POSTs. The comment
form sits on the cached article page, so it cannot carry a per-reader CSRF token: its POST
is checked the way browsers allow (Sec-Fetch-Site, else Origin, else Referer must be this
site; Go's CrossOriginProtection does the same) and carries a signed, timed form stamp.
Every other form uses Django's CSRF token; the one-click unsubscribe (RFC 8058) needs none.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from gazette.articles.models import Article
from gazette.comments import mail, selectors, services, tokens
from gazette.comments.models import Comment, Commenter, CommentState
from gazette.discovery.popular import client_address
from gazette.newsroom import comment_mail
from gazette.translation.detection import detect_language


def _page(
    request: HttpRequest, title: str, message: str, *, status: int = 200, **extra: object
) -> HttpResponse:
    return render(
        request,
        "comments/message.html",
        {"title": title, "message": message, **extra},
        status=status,
    )


def _trusted_origins(request: HttpRequest) -> set[str]:
    own = f"{request.scheme}://{request.get_host()}"
    return {own, settings.SITE_URL, *settings.CSRF_TRUSTED_ORIGINS}


def cross_site(request: HttpRequest) -> bool:
    """Whether a browser sent this POST from another site."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin not in _trusted_origins(request)
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" not in _trusted_origins(request)
    return False  # no browser sends a POST without any of them: not a forged request


def _refused(request: HttpRequest, error: services.CommentRefused, **extra: object) -> HttpResponse:
    return _page(request, "Your comment was not sent", error.message, status=error.status, **extra)


@never_cache
@csrf_exempt  # the cached article page holds the form: see the module's note
@require_POST
def comment_post(request: HttpRequest, article_id: int) -> HttpResponse:
    if cross_site(request):
        return _page(
            request,
            "Comment refused",
            "This comment was sent from another website, so it was not taken. To comment, "
            "use the form under the article on this site.",
            status=403,
        )
    article = Article.objects.published().select_related("section").filter(pk=article_id).first()
    if article is None:
        raise Http404("No published article has this number.")
    parent_raw = request.POST.get("parent", "")
    data = request.POST
    try:
        submitted = services.comment_submit(
            article=article,
            name=data.get("name", ""),
            email=data.get("email", ""),
            website=data.get("website", ""),
            text=data.get("text", ""),
            parent_id=int(parent_raw) if parent_raw.isdigit() else None,
            notify_replies=data.get("notify") == "on",
            ip_address=client_address(request),
            form_token=data.get("stamp", ""),
            honeypot=data.get("homepage", ""),
            language=detect_language(data.get("text", "")[: settings.COMMENTS_MAX_LENGTH]),
            confirm_by_mail=comment_mail.confirm_by_mail,
            published=comment_mail.reply_published,
        )
    except services.CommentRefused as error:
        parent = (
            Comment.objects.filter(
                pk=int(parent_raw), article=article, state=CommentState.PUBLISHED
            ).first()
            if parent_raw.isdigit()
            else None
        )
        area = selectors.comment_area(article)
        return _refused(request, error, article=article, form=data, area=area, parent=parent)
    comment = submitted.comment
    return render(
        request,
        "comments/posted.html",
        {
            "article": article,
            "comment": comment,
            "mail_sent": submitted.mail_sent,
            "email": comment.commenter.email if comment.commenter else "",
            "manage_url": mail.manage_url(comment),
            "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
        },
        status=201 if comment.state != CommentState.SPAM else 200,
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def comment_reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    """A reply form under the comment it answers (works without JavaScript)."""
    parent = get_object_or_404(
        Comment.objects.select_related("article"), pk=comment_id, state=CommentState.PUBLISHED
    )
    area = selectors.comment_area(parent.article)
    return render(
        request, "comments/reply.html", {"parent": parent, "article": parent.article, "area": area}
    )


def _id(value: dict[str, object], key: str) -> int:
    number = value.get(key)
    return number if isinstance(number, int) else 0


def _read(kind: str, token: str, max_age: int | None) -> dict[str, object] | str:
    try:
        return tokens.read(kind, token, max_age=max_age)
    except tokens.BadToken as error:
        return str(error)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment_confirm(request: HttpRequest, token: str) -> HttpResponse:
    value = _read(tokens.CONFIRM, token, tokens.CONFIRM_MAX_AGE)
    if isinstance(value, str):
        return _page(
            request,
            "This confirmation link does not work",
            f"{value} Comment again and a new link will be sent (at most one a day).",
            status=400,
        )
    commenter = Commenter.objects.filter(pk=_id(value, "c"), email=value.get("e")).first()
    if commenter is None:
        return _page(request, "Nothing to confirm", "This address has no comments.", status=404)
    if request.method != "POST":
        return render(request, "comments/confirm.html", {"commenter": commenter})
    already = commenter.is_confirmed
    done = services.commenter_confirm(commenter=commenter, published=comment_mail.reply_published)
    published = [c for c in done if c.state == CommentState.PUBLISHED]
    held = [c for c in done if c.state == CommentState.HELD]
    return render(
        request,
        "comments/confirmed.html",
        {"already": already, "published": published, "held": held},
    )


def _managed_comment(token: str) -> Comment | str:
    value = _read(tokens.MANAGE, token, tokens.MANAGE_MAX_AGE)
    if isinstance(value, str):
        return value
    comment = (
        Comment.objects.select_related("article", "commenter").filter(pk=_id(value, "k")).first()
    )
    if comment is None or comment.state == CommentState.REMOVED:
        return "This comment has been deleted."
    return comment


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment_manage(request: HttpRequest, token: str) -> HttpResponse:
    """Edit (within COMMENTS_EDIT_MINUTES) or delete one's own comment."""
    comment = _managed_comment(token)
    if isinstance(comment, str):
        return _page(request, "This link does not work", comment, status=400)
    context: dict[str, object] = {
        "comment": comment,
        "can_edit": services.can_edit(comment),
        "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
        "text": comment.text,
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            services.comment_delete_own(comment=comment)
            return _page(
                request,
                "Comment deleted",
                "Your comment has been deleted.",
                back=comment.article.get_absolute_url(),
            )
        if action == "edit":
            try:
                services.comment_edit(comment=comment, text=request.POST.get("text", ""))
            except services.CommentRefused as error:
                context.update(error=error.message, text=request.POST.get("text", ""))
                return render(request, "comments/manage.html", context, status=error.status)
            context.update(saved=True, text=comment.text, comment=comment)
    return render(request, "comments/manage.html", context)


@never_cache
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a token
@require_http_methods(["GET", "HEAD", "POST"])
def comment_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    value = _read(tokens.UNSUBSCRIBE, token, None)
    if isinstance(value, str):
        return _page(request, "This link does not work", value, status=400)
    commenter = Commenter.objects.filter(pk=_id(value, "c")).first()
    if commenter is None:
        return _page(request, "Unsubscribed", "We hold nothing for this address any more.")
    if request.method != "POST":
        return render(request, "comments/unsubscribe.html", {"commenter": commenter})
    services.commenter_unsubscribe(commenter=commenter)
    return _page(
        request, "Unsubscribed", "You will get no more mail about replies to your comments."
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment_data_request(request: HttpRequest) -> HttpResponse:
    """Ask for a link to export or delete everything tied to an address."""
    if request.method != "POST":
        return render(request, "comments/data_request.html")
    email = request.POST.get("email", "").strip()
    with transaction.atomic():
        services.commenter_request_data(email=email, send=comment_mail.data_link_by_mail)
    return _page(
        request,
        "Check your mail",
        "If we hold comments from this address, we have sent it a link to export or delete "
        "them. At most one mail goes to an address each day.",
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def comment_data(request: HttpRequest, token: str) -> HttpResponse:
    value = _read(tokens.DATA, token, tokens.DATA_MAX_AGE)
    if isinstance(value, str):
        return _page(request, "This link does not work", value, status=400)
    commenter = Commenter.objects.filter(pk=_id(value, "c"), email=value.get("e")).first()
    if commenter is None:
        return _page(request, "Nothing stored", "We hold nothing for this address.", status=404)
    if request.method != "POST":
        return render(request, "comments/data.html", {"commenter": commenter})
    if request.POST.get("action") == "export":
        response = HttpResponse(
            services.commenter_export(commenter=commenter),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
        return response
    if request.POST.get("action") == "erase":
        try:
            tokens.spend(token)
        except tokens.BadToken as error:
            return _page(request, "This link does not work", str(error), status=400)
        count = services.commenter_erase(commenter=commenter)
        return _page(
            request,
            "Deleted",
            f"We deleted your address and {count} comment{'s' if count != 1 else ''}.",
        )
    return HttpResponseRedirect(request.path)
