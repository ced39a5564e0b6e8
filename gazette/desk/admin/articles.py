"""The articles on the desk: the review queue, the editing form (rich text, preview,
revisions), the workflow's moves (publish, schedule, reject, withdraw, correct) and the
audit trail. Every move goes through the flow (`gazette/newsroom/flow.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Field, Q, QuerySet, URLField
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import (
    ProseEditorWidget,
    prose_editor_admin_media,
    prose_editor_js,
)
from js_asset import Media as AssetMedia
from js_asset import Script

from gazette.articles.diff import versions_diff
from gazette.articles.models import Article, ArticleRevision, Section, Tag
from gazette.articles.services import (
    ArticleEditConflict,
    ArticleMoveRefused,
    article_edit,
    article_keep_edit,
    article_restore,
    article_take_source_update,
)
from gazette.ingest.models import Entry
from gazette.lib.html_clean import sanitize_article_html
from gazette.newsroom import flow
from gazette.states import ArticleAction, ArticleState, RevisionStatus, article_can

# The desk's moves and the permission each needs (roles: gazette/desk/roles.py).
MOVE_PERMISSIONS: dict[str, str] = {
    ArticleAction.PUBLISH: "articles.publish_article",
    ArticleAction.REJECT: "articles.publish_article",
    ArticleAction.SCHEDULE: "articles.schedule_article",
    ArticleAction.UNSCHEDULE: "articles.schedule_article",
    ArticleAction.WITHDRAW: "articles.withdraw_article",
    ArticleAction.CORRECT: "articles.correct_article",
}
EDIT_PERMISSION = "articles.change_article"

# What the body editor offers: exactly the structure our sanitiser keeps
# (gazette/lib/html_clean.py), so what an editor writes is what readers get.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Figure": True,
        "Caption": True,
        "Image": True,
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        "History": True,
        "HTML": True,
    }
}


class DeskBodyEditor(ProseEditorWidget):
    """django-prose-editor's widget with our preset (static/js/desk-editor.js), which keeps
    Tiptap from injecting an inline style element, which our Content-Security-Policy refuses."""

    @property
    def media(self) -> AssetMedia:
        return prose_editor_admin_media + AssetMedia(
            js=[prose_editor_js, Script("js/desk-editor.js", type="module")],
            css={"all": ["css/desk-editor.css"]},
        )


class ArticleDeskForm(forms.ModelForm[Article]):
    """The editor's form: the words, the section, the topics and the lead image."""

    body_html = ProseEditorFormField(
        label="Text",
        config=BODY_EDITOR,
        sanitize=sanitize_article_html,
        required=True,
        widget=DeskBodyEditor,
    )
    image_url = forms.URLField(
        label="Lead image address", max_length=2000, required=False, assume_scheme="https"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Article
        fields = [
            "title",
            "standfirst",
            "body_html",
            "author",
            "section",
            "tags",
            "image_url",
            "image_alt",
            "image_caption",
            "image_credit",
        ]
        labels = {
            "title": "Headline",
            "standfirst": "Standfirst",
            "author": "Byline",
            "tags": "Topics",
            "image_url": "Lead image address",
            "image_alt": "Image description (for readers who cannot see it)",
            "image_caption": "Caption",
            "image_credit": "Photo credit",
        }
        widgets = {"standfirst": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        version = cleaned.get("version")
        if self.instance.pk and version is not None:
            current = Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if current and current[0] != version:
                raise forms.ValidationError(
                    "Someone else saved this article after you opened it. Your changes were "
                    "not saved: copy them, reload the page to see the current version, and "
                    "make them again.",
                    code="conflict",
                )
        return cleaned


class OriginalLanguageFilter(admin.SimpleListFilter):
    """Articles by the language they were written in: a translated article's language is the
    site's, its original language the one its source wrote."""

    title = "original language"
    parameter_name = "original_language"
    NOT_TRANSLATED = "-"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        languages = (
            Article.objects.exclude(original_language="")
            .exclude(original_language=F("language"))
            .order_by("original_language")
            .values_list("original_language", flat=True)
            .distinct()
        )
        return [(language, language) for language in languages] + [
            (self.NOT_TRANSLATED, "not translated")
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if not value:
            return queryset
        if value == self.NOT_TRANSLATED:
            return queryset.filter(Q(original_language="") | Q(original_language=F("language")))
        return queryset.filter(original_language=value)


class SourceUpdateFilter(admin.SimpleListFilter):
    title = "source updates"
    parameter_name = "source_update"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("waiting", "Waiting for the editor")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "waiting":
            return queryset.filter(revisions__status=RevisionStatus.PENDING).distinct()
        return queryset


def _with_zone(value: datetime | None) -> str:
    if value is None:
        return "—"
    return f"{timezone.localtime(value):%d %b %Y, %H:%M %Z}"


def _actor(request: HttpRequest) -> AbstractBaseUser:
    return request.user  # type: ignore[return-value]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    form = ArticleDeskForm
    change_form_template = "desk/article_change_form.html"
    list_display = [
        "headline",
        "source",
        "section",
        "languages",
        "state",
        "when",
    ]
    list_filter = [
        "state",
        SourceUpdateFilter,
        "section",
        "language",
        OriginalLanguageFilter,
        "source",
        "published_at_estimated",
    ]
    autocomplete_fields = ["tags"]
    fieldsets = [
        (None, {"fields": ["version", "title", "standfirst", "body_html", "section", "tags"]}),
        ("Lead image", {"fields": ["image_url", "image_alt", "image_caption", "image_credit"]}),
        (
            "Byline and origin",
            {
                "classes": ["collapse"],
                "fields": [
                    "author",
                    "source",
                    "entry_link",
                    "original_url",
                    "languages",
                    "published_at_shown",
                    "duplicate_of",
                ],
            },
        ),
    ]
    search_fields = ["title", "standfirst", "author", "original_url"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "source",
        "entry_link",
        "original_url",
        "languages",
        "published_at_shown",
        "duplicate_of",
    ]
    list_select_related = ["source", "section"]
    actions = ["publish", "withdraw"]
    view_on_site = False  # the page links the public page once it is public

    class Media:
        css = {"all": ["css/desk-articles.css"]}

    # --- The list: the review queue ---------------------------------------------------------

    @admin.display(description="headline", ordering="title")
    def headline(self, article: Article) -> str:
        return article.title

    @admin.display(description="language", ordering="original_language")
    def languages(self, article: Article) -> str:
        """An article translated from German shows "de → en"; any other its own language."""
        original = article.original_language
        if original and original != article.language:
            return f"{original} → {article.language}"
        return article.language

    @admin.display(description="when", ordering="published_at")
    def when(self, article: Article) -> str:
        if article.state == ArticleState.SCHEDULED:
            return f"goes live {_with_zone(article.scheduled_for)}"
        if article.made_public_at and article.is_published:
            return f"live since {_with_zone(article.made_public_at)}"
        return f"source: {_with_zone(article.published_at)}"

    @admin.display(description="published by the source")
    def published_at_shown(self, article: Article) -> str:
        estimated = " (estimated: no date given)" if article.published_at_estimated else ""
        return _with_zone(article.published_at) + estimated

    @admin.display(description="feed entry")
    def entry_link(self, article: Article) -> str:
        """The feed entry the article came from, in the desk."""
        entry = Entry.objects.filter(article=article).first()
        if entry is None:
            return "-"
        url = reverse("admin:ingest_entry_change", args=[entry.pk])
        return format_html('<a href="{}">{}</a>', url, entry)

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if isinstance(db_field, URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles come from sources

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MOVE_PERMISSIONS[ArticleAction.PUBLISH])

    def has_withdraw_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MOVE_PERMISSIONS[ArticleAction.WITHDRAW])

    @admin.action(description="Approve and publish", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        done = 0
        for article in queryset:
            try:
                with transaction.atomic():
                    flow.article_publish(article=article, actor=_actor(request), via="desk")
                done += 1
            except ArticleMoveRefused as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, f"{done} article(s) published.", messages.SUCCESS)

    @admin.action(description="Withdraw from the site", permissions=["withdraw"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        done = 0
        for article in queryset:
            try:
                with transaction.atomic():
                    flow.article_withdraw(article=article, actor=_actor(request), via="desk")
                done += 1
            except ArticleMoveRefused as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, f"{done} article(s) withdrawn.", messages.SUCCESS)

    # --- Saving: through the service, with the version check and revisions -----------------

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        names = [name for name in form.changed_data if name not in ("tags", "version")]
        updated = article_edit(
            article_id=obj.pk,
            version=form.cleaned_data["version"],
            changes={name: form.cleaned_data[name] for name in names},
            tags=list(form.cleaned_data["tags"]),
            actor=_actor(request),
        )
        flow.article_text_replaced(article=updated)
        form.instance = updated

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        return  # tags are saved by article_edit, with the audit row

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ArticleEditConflict as exc:  # lost the race after the form's own check
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Article | None = None,
    ) -> HttpResponse:
        # The editor's import map is an inline script: it carries the page's CSP nonce.
        context["media"] = AssetMedia.from_media(
            context["media"], nonce=getattr(request, "csp_nonce", "")
        )
        if obj is not None:
            context.update(self._desk_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _desk_context(self, request: HttpRequest, article: Article) -> dict[str, Any]:
        user = request.user
        moves = {
            action.value: article_can(action, article.state) and user.has_perm(permission)
            for action, permission in ((ArticleAction(a), p) for a, p in MOVE_PERMISSIONS.items())
        }
        revisions = list(article.revisions.select_related("editor", "article__source"))
        pending = [r for r in revisions if r.status == RevisionStatus.PENDING]
        return {
            "article": article,
            "moves": moves,
            "may_edit": user.has_perm(EDIT_PERMISSION),
            "revisions": [r for r in revisions if r.status != RevisionStatus.PENDING],
            "pending": [(r, versions_diff(article, r)) for r in pending],
            "events": article.events.select_related("actor")[:100],
            "corrections": article.corrections.all(),
            "zone": timezone.get_current_timezone_name(),
            "now_local": timezone.localtime(),
            "public_url": article.get_absolute_url(),
        }

    # --- The desk's own pages: moves, preview, revisions -----------------------------------

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/move/<str:action>/", wrap(self.move_view), name="articles_move"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="articles_preview"),
            path("<int:pk>/diff/", wrap(self.diff_view), name="articles_diff"),
            path(
                "<int:pk>/revision/<int:revision_id>/<str:choice>/",
                wrap(self.revision_view),
                name="articles_revision",
            ),
            *super().get_urls(),
        ]

    def _article(self, request: HttpRequest, pk: int) -> Article:
        article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article: Article) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def move_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if request.method != "POST":
            raise Http404("Moves are made with the buttons on the article's page.")
        if action not in MOVE_PERMISSIONS:
            raise Http404("No such move.")
        article = self._article(request, pk)
        if not request.user.has_perm(MOVE_PERMISSIONS[action]):
            raise PermissionDenied
        actor = _actor(request)
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().get(pk=article.pk)
                message = self._make_move(request, article, action, actor)
        except ArticleMoveRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return self._back(article)

    def _make_move(
        self, request: HttpRequest, article: Article, action: str, actor: AbstractBaseUser
    ) -> str:
        data = request.POST
        if action == ArticleAction.PUBLISH:
            flow.article_publish(article=article, actor=actor, via="desk")
            return f"“{article.title}” is published."
        if action == ArticleAction.SCHEDULE:
            at = _parse_local(data.get("at", ""))
            if at is None:
                raise ArticleMoveRefused("Choose the date and time it should go live.")
            if at <= timezone.now():
                raise ArticleMoveRefused("Choose a time in the future, or publish it now.")
            flow.article_schedule(article=article, at=at, actor=actor)
            return f"“{article.title}” goes live {_with_zone(at)}."
        if action == ArticleAction.UNSCHEDULE:
            flow.article_unschedule(article=article, actor=actor)
            return f"“{article.title}” is off the schedule and awaits review again."
        if action == ArticleAction.REJECT:
            flow.article_reject(article=article, reason=data.get("reason", ""), actor=actor)
            return f"“{article.title}” is rejected."
        if action == ArticleAction.WITHDRAW:
            flow.article_withdraw(
                article=article, note=data.get("note", ""), actor=actor, via="desk"
            )
            return f"“{article.title}” is withdrawn: its address now tells readers why."
        flow.article_correct(article=article, text=data.get("text", ""), actor=actor)
        return f"The correction is shown at the foot of “{article.title}”."

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The public page as readers would see it, with the form's unsaved changes."""
        article = self._article(request, pk)
        tags = list(article.tags.all())
        if request.method == "POST":
            if not request.user.has_perm(EDIT_PERMISSION):
                raise PermissionDenied
            form = ArticleDeskForm(request.POST, instance=article)
            form.is_valid()  # an invalid field keeps its saved value; the rest shows
            for name in ("title", "standfirst", "body_html", "author", "section", "image_url"):
                if name in form.cleaned_data and name not in form.errors:
                    setattr(article, name, form.cleaned_data[name])
            for name in ("image_alt", "image_caption", "image_credit"):
                if name in form.cleaned_data:
                    setattr(article, name, form.cleaned_data[name])
            if "tags" in form.cleaned_data:
                tags = list(form.cleaned_data["tags"])
        context = {
            "article": article,
            "tags": tags,
            "full_text": True,
            "indexable": False,
            "translated": False,
            "canonical": "",
            "permalink": request.build_absolute_uri(article.get_absolute_url()),
            "preview": True,
            "change_url": reverse("admin:articles_article_change", args=[article.pk]),
        }
        response = render(request, "desk/article_preview.html", context)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response

    def diff_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Two versions side by side: any two revisions, or a revision and the current text."""
        article = self._article(request, pk)

        def version(key: str) -> Article | ArticleRevision:
            if key in ("", "current"):
                return article
            return get_object_or_404(ArticleRevision, pk=key, article=article)

        old, new = version(request.GET.get("a", "")), version(request.GET.get("b", "current"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes to “{article.title}”",
            "article": article,
            "opts": self.opts,
            "old": old,
            "new": new,
            "old_label": _version_label(old),
            "new_label": _version_label(new),
            "diffs": versions_diff(old, new),
            "may_restore": request.user.has_perm(EDIT_PERMISSION)
            and isinstance(old, ArticleRevision)
            and old.status != RevisionStatus.PENDING,
        }
        return TemplateResponse(request, "desk/article_diff.html", context)

    def revision_view(
        self, request: HttpRequest, pk: int, revision_id: int, choice: str
    ) -> HttpResponse:
        """Restore an earlier version, or decide on a source update: take it or keep yours."""
        if request.method != "POST":
            raise Http404("Use the buttons on the article's page.")
        article = self._article(request, pk)
        if not request.user.has_perm(EDIT_PERMISSION):
            raise PermissionDenied
        revision = get_object_or_404(ArticleRevision, pk=revision_id, article=article)
        version = int(request.POST.get("version") or 0)
        actor = _actor(request)
        try:
            with transaction.atomic():
                if choice == "restore":
                    article = article_restore(
                        article_id=article.pk, revision=revision, version=version, actor=actor
                    )
                    message = "The earlier version is back on show."
                elif choice == "take":
                    article = article_take_source_update(
                        article_id=article.pk, revision=revision, version=version, actor=actor
                    )
                    message = "The source's version is on show; yours is kept as a revision."
                elif choice == "keep":
                    article_keep_edit(article=article, revision=revision, actor=actor)
                    message = "Your version stays; the source's update is kept, not shown."
                else:
                    raise Http404("No such choice.")
                flow.article_text_replaced(article=article)
        except (ArticleMoveRefused, ArticleEditConflict) as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return self._back(article)


def _version_label(version: Article | ArticleRevision) -> str:
    if isinstance(version, Article):
        return "On show now"
    status = version.get_status_display()
    return f"{version.author_label} · {status} · {_with_zone(version.created_at)}"


def _parse_local(value: str) -> datetime | None:
    """A `datetime-local` value, read in the site's time zone."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin[Section]):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
