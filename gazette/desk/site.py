"""The desk: Django's admin site, as a newsroom uses it.

`DeskSite` is the project's default admin site (`DeskAdminConfig` in `apps.py`): the start page
says what needs the editor now; the internal tables (embeddings, lexical terms, task results,
login attempts …) stay out of the lists; the status page and two-step sign-in live here.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from gazette.desk import two_step
from gazette.desk.login import lockout_response
from gazette.desk.models import TwoStepSignIn

# Tables the pipeline keeps for itself: no editor's work is there. Superusers reach them from
# the start page's "System tables"; nobody sees them in the lists.
INTERNAL_MODELS = frozenset(
    {
        "articles.minhashband",
        "articles.articleevent",
        "discovery.articleembedding",
        "discovery.lexicalterm",
        "discovery.popularitybucket",
        "discovery.storyredirect",
        "ingest.document",
        "ingest.hostslot",
        "newsroom.workerheartbeat",
        "django_tasks_database.dbtaskresult",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
        "api.ratecount",
        "subscriptions.signupcounter",
    }
)

# The apps in the newsroom's words, in the order of a day at the desk.
APP_NAMES: dict[str, str] = {
    "articles": "Articles, sections and tags",
    "discovery": "Stories",
    "translation": "Translation",
    "comments": "Readers' comments",
    "sources": "Sources",
    "ingest": "Fetching",
    "subscriptions": "Newsletter",
    "site": "Site pages",
    "api": "API",
    "auth": "People and roles",
}

# Models whose own names are a developer's, in the newsroom's words.
MODEL_NAMES: dict[str, str] = {
    "ingest.entry": "Fetched pages (feed items)",
    "translation.articletranslation": "Translations",
}

PENDING_KEY = "desk_two_step_pending"
PENDING_SECONDS = 300


class DeskLoginView(LoginView):
    """The password step; a user with two-step sign-in goes on to the code step."""

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not two_step.two_step_enabled(user):
            return super().form_valid(form)
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
            "at": timezone.now().timestamp(),
        }
        query = urlencode({REDIRECT_FIELD_NAME: self.get_success_url()})
        return HttpResponseRedirect(f"{reverse('admin:desk_sign_in_code')}?{query}")


class DeskSite(admin.AdminSite):
    site_url = "/"
    index_template = "desk/start.html"
    enable_nav_sidebar = False  # a sidebar of every model is the database browser again

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)
        self.site_header = f"{settings.SITE_NAME} desk"
        self.site_title = f"{settings.SITE_NAME} desk"
        self.index_title = "Today at the desk"

    # --- the lists -----------------------------------------------------------------------
    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[Any]:
        order = list(APP_NAMES)
        apps = []
        for app in super().get_app_list(request, app_label):
            models = [
                {**m, "name": MODEL_NAMES.get(_label(m), m["name"])}
                for m in app["models"]
                if _label(m) not in INTERNAL_MODELS
            ]
            if not models:
                continue
            name = APP_NAMES.get(app["app_label"], app["name"])
            apps.append({**app, "name": name, "models": models})
        apps.sort(key=lambda a: order.index(a["app_label"]) if a["app_label"] in order else 99)
        return apps

    def system_tables(self, request: HttpRequest) -> list[dict[str, str]]:
        if not request.user.is_superuser:
            return []
        tables = []
        for model in self._registry:
            if model._meta.label_lower in INTERNAL_MODELS:
                url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
                tables.append(
                    {"name": str(model._meta.verbose_name_plural).capitalize(), "url": url}
                )
        return sorted(tables, key=lambda t: t["name"])

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        now = timezone.localtime()
        context["desk_zone"] = f"{settings.TIME_ZONE} ({now.strftime('%Z, UTC%z')})"
        if request.user.is_active and request.user.is_staff:
            from gazette.desk.today import review_queue_url

            context["desk_review_queue_url"] = review_queue_url()
        return context

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        from gazette.desk.today import desk_tasks, review_queue_url

        context = {
            "tasks": desk_tasks(request.user),
            "review_queue_url": review_queue_url(),
            "system_tables": self.system_tables(request),
            **(extra_context or {}),
        }
        return super().index(request, context)

    # --- extra pages ---------------------------------------------------------------------
    def get_urls(self) -> list[URLResolver | URLPattern]:
        extra = [
            path("status/", self.admin_view(self.status_view), name="desk_status"),
            path("two-step/", self.admin_view(self.two_step_view), name="desk_two_step"),
            path("sign-in/code/", self.sign_in_code_view, name="desk_sign_in_code"),
        ]
        return [*extra, *super().get_urls()]

    def status_view(self, request: HttpRequest) -> HttpResponse:
        from gazette.desk.status_page import status_page

        return status_page(self, request)

    @method_decorator(never_cache)
    @method_decorator(sensitive_post_parameters())
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": "Sign in",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return DeskLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form or AdminAuthenticationForm,
            template_name="admin/login.html",
        )(request)

    @method_decorator(never_cache)
    @method_decorator(sensitive_post_parameters("code"))
    def sign_in_code_view(self, request: HttpRequest) -> HttpResponse:
        """The second step: the authenticator's code (or a recovery code)."""
        from axes.handlers.proxy import AxesProxyHandler

        pending: dict[str, Any] = request.session.get(PENDING_KEY) or {}
        if not pending or timezone.now().timestamp() - pending["at"] >= PENDING_SECONDS:
            request.session.pop(PENDING_KEY, None)
            messages.warning(request, "Sign in with your password first (the code step expired).")
            return redirect("admin:login")
        user = get_object_or_404(get_user_model(), pk=pending["user"], is_active=True)
        credentials = {"username": user.get_username()}
        next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
        if not next_url or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index")
        error = ""
        if request.method == "POST":
            if not AxesProxyHandler.is_allowed(request, credentials):
                return lockout_response(request, None, credentials)
            if two_step.two_step_verify(user=user, code=request.POST.get("code", "")):
                del request.session[PENDING_KEY]
                auth_login(request, user, backend=pending["backend"])
                return HttpResponseRedirect(next_url)
            # Counted with the wrong passwords: the same throttle, the same lockout.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request, None, credentials)
            error = "That code is not right (or was used already). Try the next one your app shows."
        context = {
            **self.each_context(request),
            "title": "Two-step sign-in",
            "error": error,
            "next": next_url,
            "username": user.get_username(),
        }
        return TemplateResponse(request, "desk/sign_in_code.html", context)

    def two_step_view(self, request: HttpRequest) -> HttpResponse:
        """Enrol an authenticator app (scan, confirm a code), renew recovery codes, turn off."""
        user = request.user
        sign_in = TwoStepSignIn.objects.filter(user_id=user.pk or 0).first()
        recovery_codes: list[str] | None = None
        error = ""
        if request.method == "POST":
            action = request.POST.get("action", "")
            code = request.POST.get("code", "")
            if action == "start":
                sign_in = two_step.two_step_begin(user=user)  # type: ignore[arg-type]
            elif action == "confirm" and sign_in is not None:
                recovery_codes = two_step.two_step_confirm(sign_in=sign_in, code=code)
                if recovery_codes is None:
                    error = (
                        "That code does not match. Check the time on your phone, "
                        "then try the next code."
                    )
                else:
                    messages.success(
                        request, "Two-step sign-in is on: your next sign-in asks for a code."
                    )
            elif action == "renew" and two_step.two_step_verify(user=user, code=code):  # type: ignore[arg-type]
                recovery_codes = two_step.recovery_codes_renew(user=user)  # type: ignore[arg-type]
            elif action == "disable" and two_step.two_step_verify(user=user, code=code):  # type: ignore[arg-type]
                two_step.two_step_disable(user=user)  # type: ignore[arg-type]
                messages.success(request, "Two-step sign-in is off.")
                return redirect("admin:desk_two_step")
            elif action in ("renew", "disable"):
                error = "That code is not right: enter the code your app shows now."
            if sign_in is not None:
                sign_in.refresh_from_db()
        context = {
            **self.each_context(request),
            "title": "Two-step sign-in",
            "sign_in": sign_in,
            "enabled": bool(sign_in and sign_in.confirmed_at),
            "qr_svg": two_step.qr_svg(sign_in) if sign_in and not sign_in.confirmed_at else "",
            "secret": sign_in.secret if sign_in and not sign_in.confirmed_at else "",
            "recovery_codes": recovery_codes,
            "codes_left": two_step.recovery_codes_left(user=user) if sign_in else 0,  # type: ignore[arg-type]
            "error": error,
        }
        return TemplateResponse(request, "desk/two_step.html", context)


def _label(model: dict[str, Any]) -> str:
    return f"{model['model']._meta.app_label}.{model['model']._meta.model_name}"
