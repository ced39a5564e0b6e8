"""The moderation queue: held comments first, each with why it was held, the commenter's
history, and a machine translation when it is in another language than its article.
Moderators approve, mark spam or delete, one by one or in bulk; their decisions teach the
spam classifier (comments.services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join

from gazette.comments import markup, services
from gazette.comments.models import Comment, Commenter, CommentState, SectionCommentPolicy
from gazette.newsroom import comment_mail
from gazette.translation.engines.base import EngineError, LanguagePair
from gazette.translation.engines.registry import engines_for


def needs_translation(comment: Comment) -> bool:
    language = comment.language
    return bool(language) and language != comment.article.language.split("-")[0].lower()


def comment_translation(comment: Comment) -> tuple[str, str]:
    """(translation, note): the machine translation, or "" and why there is none."""
    if not needs_translation(comment):
        return "", ""
    if comment.translation:
        return comment.translation, ""
    pair = LanguagePair(comment.language, comment.article.language.split("-")[0].lower())
    engines = engines_for(pair)
    if not engines:
        return "", (
            f"Written in {pair.source}, the article is in {pair.target}: no translation engine "
            f"is configured for {pair} (set TRANSLATION_ENGINES to show one here)."
        )
    problems = []
    text = markup.plain(comment.body_html)
    for engine in engines:
        problem = engine.problem(pair)
        if problem:
            problems.append(f"{engine.name}: {problem}")
            continue
        try:
            translated = " ".join(engine.translate([text], pair=pair, glossary={}))
        except EngineError as error:
            problems.append(f"{engine.name}: {error}")
            continue
        Comment.objects.filter(pk=comment.pk).update(translation=translated)
        comment.translation = translated
        return translated, f"machine translation from {pair.source} by {engine.label}"
    return "", "No engine could translate it: " + "; ".join(problems)


class QueueFilter(admin.SimpleListFilter):
    """The comments' state, the queue (held) first: a moderator opens the desk on it."""

    title = "state"
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            (CommentState.HELD, "Held: the queue"),
            *[(state.value, state.label) for state in CommentState if state != CommentState.HELD],
            ("all", "All"),
        ]

    def choices(self, changelist: Any) -> Any:
        current = self.value() or CommentState.HELD
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        value = self.value() or CommentState.HELD
        return queryset if value == "all" else queryset.filter(state=value)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["excerpt", "name", "article", "state", "reasons", "spam_score", "created_at"]
    list_filter = [QueueFilter, "decision", "created_at"]
    list_select_related = ["article", "commenter"]
    search_fields = ["name", "text", "commenter__email"]
    ordering = ["-created_at"]
    actions = ["approve", "mark_spam", "delete_comments"]
    list_per_page = 50
    fields = (
        "article", "name", "email", "website", "state", "reasons", "spam_score", "shown_text",
        "machine_translation", "history", "created_at", "published_at", "edited_at",
        "moderated_at", "moderated_by", "ip_address",
    )  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        return super().get_queryset(request).select_related("article", "commenter", "moderated_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # ours keeps threads whole (tombstones)
        return actions

    @admin.display(description="comment")
    def excerpt(self, comment: Comment) -> str:
        return comment.text[:120] or "(deleted)"

    @admin.display(description="e-mail")
    def email(self, comment: Comment) -> str:
        if comment.commenter is None:
            return "(erased)"
        state = "confirmed" if comment.commenter.is_confirmed else "not confirmed"
        return f"{comment.commenter.email} ({state})"

    @admin.display(description="why held")
    def reasons(self, comment: Comment) -> str:
        return "; ".join(comment.hold_reasons) or "—"

    @admin.display(description="spam score")
    def spam_score(self, comment: Comment) -> str:
        return f"{comment.spam_probability:.2f}"

    @admin.display(description="text as shown")
    def shown_text(self, comment: Comment) -> str:
        return format_html('<div dir="auto" class="comment-body">{}</div>', comment.text)

    @admin.display(description="translation")
    def machine_translation(self, comment: Comment) -> str:
        translated, note = comment_translation(comment)
        if not translated and not note:
            return f"in the article's language ({comment.language or 'not detected'})"
        if not translated:
            return note
        return format_html("<p>{}</p><p><small>{}</small></p>", translated, note)

    @admin.display(description="the commenter's history")
    def history(self, comment: Comment) -> str:
        if comment.commenter_id is None:
            return "—"
        others = Comment.objects.filter(commenter_id=comment.commenter_id).exclude(pk=comment.pk)
        counts = dict(others.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
        summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "none"
        recent = others.select_related("article").order_by("-created_at")[:10]
        items = format_html_join(
            "",
            "<li>{} · {} · {}</li>",
            ((c.created_at.date(), c.state, c.text[:80]) for c in recent),
        )
        return format_html("<p>Other comments: {}</p><ul>{}</ul>", summary, items)

    @admin.action(description="Approve and publish the selected comments")
    def approve(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        learned = services.comments_approve(
            comments=queryset.select_related("commenter"),
            moderator=request.user,
            published=comment_mail.reply_published,
        )
        self.message_user(request, f"Published. The spam filter learnt from {learned}.")

    @admin.action(description="Mark the selected comments as spam")
    def mark_spam(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        count = services.comments_mark_spam(comments=queryset, moderator=request.user)
        self.message_user(request, f"{count} marked as spam; the spam filter learnt from them.")

    @admin.action(description="Delete the selected comments", permissions=["delete"])
    def delete_comments(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        count = services.comments_delete(comments=queryset)
        self.message_user(request, f"{count} deleted.", messages.SUCCESS)


@admin.register(SectionCommentPolicy)
class SectionCommentPolicyAdmin(admin.ModelAdmin[SectionCommentPolicy]):
    list_display = ["section", "moderation", "close_after_days"]


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin[Commenter]):
    """Addresses: export or erase everything tied to one on request."""

    list_display = ["email", "confirmed_at", "notifications_off_at", "created_at"]
    search_fields = ["email"]
    readonly_fields = ["email", "confirmed_at", "confirmation_sent_on", "created_at"]
    actions = ["export", "erase"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Export everything tied to the selected address (JSON)")
    def export(self, request: HttpRequest, queryset: QuerySet[Commenter]) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Choose one address to export.", messages.WARNING)
            return None
        response = HttpResponse(
            services.commenter_export(commenter=queryset.get()), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="commenter.json"'
        return response

    @admin.action(
        description="Erase the selected addresses and their comments", permissions=["delete"]
    )
    def erase(self, request: HttpRequest, queryset: QuerySet[Commenter]) -> None:
        count = sum(services.commenter_erase(commenter=c) for c in list(queryset))
        self.message_user(request, f"Erased; {count} comments removed.")
