"""Every write to comments. Services never enqueue: the caller passes the next step
(`confirm_by_mail`, `published`), which the newsroom's comment_mail module turns into
background tasks queued on commit."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from gazette.articles.models import Article
from gazette.comments import markup, spam, tokens
from gazette.comments.classifier import SpamModel
from gazette.comments.models import (
    Comment,
    Commenter,
    CommentState,
    RateCounter,
    SectionCommentPolicy,
    SpamModelState,
)
from gazette.lib.mail import UnsafeHeader, safe_address
from gazette.lib.stamp import stamp_touch
from gazette.lib.urls import validate_web_url

ConfirmByMail = Callable[[int, int], None]  # (commenter id, comment id)
Published = Callable[[int], None]  # a comment id whose parent's author may be told


class CommentRefused(Exception):
    """Why a comment was not taken, said so the writer knows what to do."""

    def __init__(self, message: str, *, field: str = "", status: int = 400) -> None:
        super().__init__(message)
        self.message, self.field, self.status = message, field, status


@dataclass(frozen=True)
class Policy:
    moderation: str
    close_after_days: int


@dataclass
class Submitted:
    comment: Comment
    mail_sent: bool  # a confirmation mail goes out now (False: one already went today)


def policy_for(article: Article) -> Policy:
    row = (
        SectionCommentPolicy.objects.filter(section_id=article.section_id).first()
        if article.section_id
        else None
    )
    if row is not None:
        return Policy(row.moderation, row.close_after_days)
    return Policy(settings.COMMENTS_MODERATION, settings.COMMENTS_CLOSE_AFTER_DAYS)


def closes_at(article: Article, policy: Policy) -> datetime | None:
    if policy.close_after_days <= 0:
        return None
    opened = article.made_public_at or article.published_at
    return opened + timedelta(days=policy.close_after_days)


def is_open(article: Article, policy: Policy) -> bool:
    closing = closes_at(article, policy)
    return article.is_published and closing is not None and timezone.now() < closing


def rate_allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one event under `key` in the current window; False once `limit` is reached.
    One conditional UPDATE, so two workers never both take the last place."""
    window = int(time.time()) // seconds * seconds
    for _attempt in range(2):
        updated = RateCounter.objects.filter(key=key, window=window, count__lt=limit).update(
            count=F("count") + 1
        )
        if updated:
            return True
        if RateCounter.objects.filter(key=key, window=window).exists():
            return False
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window=window, count=0)
        except IntegrityError:
            pass  # another worker created it: count on it
    return False


def _clean_fields(
    *, name: str, email: str, website: str, text: str
) -> tuple[str, str, str, str, str]:
    try:
        name = markup.clean_name(name)
    except markup.MarkupError as error:
        raise CommentRefused(str(error), field="name") from None
    email = email.strip()
    try:
        validate_email(email)
        safe_address(email)
    except (ValidationError, UnsafeHeader):
        raise CommentRefused(
            "Please enter one e-mail address, such as name@example.org.", field="email"
        ) from None
    email = email.rpartition("@")[0] + "@" + email.rpartition("@")[2].lower()
    website = website.strip()
    if website:
        try:
            validate_web_url(website)
        except ValidationError:
            raise CommentRefused(
                "The website must be an address starting with https:// or http://.",
                field="website",
            ) from None
    if len(text) > settings.COMMENTS_MAX_LENGTH:
        raise CommentRefused(
            f"Your comment has {len(text):,} characters; the limit is "
            f"{settings.COMMENTS_MAX_LENGTH:,}. Please shorten it.",
            field="text",
        )
    text = markup.clean_text(text)
    body_html = markup.render(text)
    if not markup.plain(body_html):
        raise CommentRefused("Please write a comment.", field="text")
    return name, email, website, text, body_html


def comment_submit(
    *,
    article: Article,
    name: str,
    email: str,
    text: str,
    website: str = "",
    parent_id: int | None = None,
    notify_replies: bool = False,
    ip_address: str = "",
    form_token: str,
    honeypot: str = "",
    language: str = "",
    confirm_by_mail: ConfirmByMail,
    published: Published,
) -> Submitted:
    """Take a reader's comment, or refuse it with a reason (`CommentRefused`). `language` is
    the text's language as the caller detected it (the translation app's detector)."""
    if honeypot:
        raise CommentRefused("This form was filled in by a program, so it was not sent.")
    try:
        stamp = tokens.form_read(form_token, article_id=article.pk)
    except tokens.BadToken as error:
        raise CommentRefused(f"{error} Please reload the article and send again.") from None
    if stamp.age < tokens.min_seconds():
        raise CommentRefused(
            "That was quicker than anyone can write; please wait a few seconds and send again."
        )
    policy = policy_for(article)
    if not is_open(article, policy):
        raise CommentRefused("Comments on this article are closed.", status=403)
    name, email, website, text, body_html = _clean_fields(
        name=name, email=email, website=website, text=text
    )
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(
            pk=parent_id, article=article, state=CommentState.PUBLISHED
        ).first()
        if parent is None:
            raise CommentRefused("The comment you reply to is not shown any more.")
        if parent.depth + 1 > settings.COMMENTS_MAX_DEPTH and parent.parent_id:
            parent = Comment.objects.get(pk=parent.parent_id)  # the thread goes no deeper
    if ip_address and not rate_allow(
        f"ip:{ip_address}", limit=settings.COMMENTS_PER_IP_PER_HOUR, seconds=3600
    ):
        raise CommentRefused(
            "Too many comments from your network in the last hour; please try again later.",
            status=429,
        )
    if not rate_allow(
        f"address:{email.lower()}", limit=settings.COMMENTS_PER_ADDRESS_PER_HOUR, seconds=3600
    ):
        raise CommentRefused(
            "Too many comments from this e-mail address in the last hour; please try later.",
            status=429,
        )
    with transaction.atomic():
        commenter, _created = Commenter.objects.get_or_create(email=email)
        first_timer = not commenter.comments.filter(state=CommentState.PUBLISHED).exists()
        verdict = spam.judge(
            text=text,
            name=name,
            website=website,
            moderation=policy.moderation,
            first_timer=first_timer,
            section_name=article.section.name if article.section_id else "",  # type: ignore[union-attr]
            akismet={
                "user_ip": ip_address,
                "comment_author": name,
                "comment_author_email": email,
                "comment_author_url": website,
                "comment_content": text,
                "permalink": settings.SITE_URL + article.get_absolute_url(),
            },
        )
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            depth=(parent.depth + 1) if parent else 0,
            commenter=commenter,
            name=name,
            website=website,
            text=text,
            body_html=body_html,
            language=language,
            decision=verdict.decision,
            hold_reasons=verdict.reasons,
            spam_probability=verdict.probability,
            notify_replies=notify_replies,
            ip_address=ip_address or None,
        )
        mail_sent = False
        if verdict.decision == spam.REJECT:
            comment.state = CommentState.SPAM
            comment.save(update_fields=["state"])
        elif not commenter.is_confirmed:
            # At most one confirmation mail per address per day, whatever is submitted.
            today = timezone.localdate()
            mail_sent = bool(
                Commenter.objects.filter(pk=commenter.pk)
                .exclude(confirmation_sent_on=today)
                .update(confirmation_sent_on=today)
            )
            if mail_sent:
                confirm_by_mail(commenter.pk, comment.pk)
        else:
            _apply_decision(comment, published=published)
    return Submitted(comment=comment, mail_sent=mail_sent)


def _apply_decision(comment: Comment, *, published: Published) -> None:
    if comment.decision == spam.PUBLISH:
        _publish(comment, published=published)
    elif comment.decision == spam.REJECT:
        comment.state = CommentState.SPAM
        comment.save(update_fields=["state"])
    else:
        comment.state = CommentState.HELD
        comment.save(update_fields=["state"])


def _publish(comment: Comment, *, published: Published) -> None:
    comment.state = CommentState.PUBLISHED
    comment.published_at = comment.published_at or timezone.now()
    comment.save(update_fields=["state", "published_at"])
    transaction.on_commit(stamp_touch)
    if comment.parent_id:
        published(comment.pk)


def commenter_confirm(*, commenter: Commenter, published: Published) -> list[Comment]:
    """The address has proven itself: its waiting comments go ahead as decided."""
    with transaction.atomic():
        Commenter.objects.filter(pk=commenter.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        waiting = list(
            Comment.objects.select_for_update().filter(
                commenter=commenter, state=CommentState.UNCONFIRMED
            )
        )
        for comment in waiting:
            _apply_decision(comment, published=published)
    return waiting


def _learn(comments: Iterable[Comment], *, spam_label: bool) -> None:
    """Move the classifier towards the moderators' decision (one step per comment)."""
    comments = list(comments)
    if not comments:
        return
    with transaction.atomic():
        row = SpamModelState.objects.select_for_update().first()
        model = SpamModel.from_json(row.model_json) if row else spam.current_model()
        model = SpamModel(
            weights=model.weights.copy(),
            bias=model.bias,
            idf=model.idf,
            hold_at=model.hold_at,
            reject_at=model.reject_at,
            trained_on=model.trained_on,
            learned=model.learned,
        )
        for comment in comments:
            model.learn(comment.text, spam=spam_label)
        if row is None:
            SpamModelState.objects.create(model_json=model.to_json(), version=1)
        else:
            row.model_json = model.to_json()
            row.version += 1
            row.save(update_fields=["model_json", "version", "updated_at"])


Moderator = AbstractBaseUser | AnonymousUser


def comments_approve(
    *, comments: Iterable[Comment], moderator: Moderator, published: Published
) -> int:
    done = []
    with transaction.atomic():
        for comment in comments:
            if comment.state == CommentState.PUBLISHED or comment.commenter_id is None:
                continue
            was_suspect = comment.state == CommentState.SPAM or comment.decision != spam.PUBLISH
            comment.moderated_at = timezone.now()
            comment.moderated_by = moderator if moderator.is_authenticated else None  # type: ignore[assignment]
            comment.save(update_fields=["moderated_at", "moderated_by"])
            if comment.commenter is not None and not comment.commenter.is_confirmed:
                # A moderator vouches for the comment, not for the address: still no mail.
                comment.notify_replies = False
                comment.save(update_fields=["notify_replies"])
            _publish(comment, published=published)
            if was_suspect:
                done.append(comment)
        _learn(done, spam_label=False)
    return len(done)


def comments_mark_spam(*, comments: Iterable[Comment], moderator: Moderator) -> int:
    marked = []
    with transaction.atomic():
        for comment in comments:
            if comment.state == CommentState.SPAM:
                continue
            if comment.state == CommentState.PUBLISHED:
                transaction.on_commit(stamp_touch)
            comment.state = CommentState.SPAM
            comment.moderated_at = timezone.now()
            comment.moderated_by = moderator if moderator.is_authenticated else None  # type: ignore[assignment]
            comment.save(update_fields=["state", "moderated_at", "moderated_by"])
            marked.append(comment)
        _learn(marked, spam_label=True)
    return len(marked)


def comments_delete(*, comments: Iterable[Comment]) -> int:
    count = 0
    with transaction.atomic():
        for comment in comments:
            _remove(comment)
            count += 1
    return count


def _remove(comment: Comment) -> None:
    """Delete a comment; one with replies stays as an empty tombstone, so the thread holds."""
    if comment.state == CommentState.PUBLISHED:
        transaction.on_commit(stamp_touch)
    if comment.replies.exists():
        Comment.objects.filter(pk=comment.pk).update(
            state=CommentState.REMOVED,
            name="",
            website="",
            text="",
            body_html="",
            translation="",
            ip_address=None,
            notify_replies=False,
        )
    else:
        comment.delete()


def can_edit(comment: Comment) -> bool:
    window = timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
    return comment.state != CommentState.REMOVED and timezone.now() < comment.created_at + window


def comment_edit(*, comment: Comment, text: str) -> Comment:
    """The writer's correction within COMMENTS_EDIT_MINUTES; judged again like a new one."""
    if not can_edit(comment):
        raise CommentRefused(
            f"Comments can be edited for {settings.COMMENTS_EDIT_MINUTES} minutes after "
            "sending; this one can only be deleted now.",
            status=403,
        )
    _name, _email, _site, text, body_html = _clean_fields(
        name=comment.name, email=comment.commenter.email if comment.commenter else "x@x.invalid",
        website=comment.website, text=text,
    )  # fmt: skip
    policy = policy_for(comment.article)
    verdict = spam.judge(
        text=text,
        name=comment.name,
        website=comment.website,
        moderation=policy.moderation,
        first_timer=comment.state != CommentState.PUBLISHED,
    )
    with transaction.atomic():
        comment.text, comment.body_html = text, body_html
        comment.edited_at = timezone.now()
        comment.decision, comment.hold_reasons = verdict.decision, verdict.reasons
        comment.spam_probability = verdict.probability
        comment.translation = ""
        fields = ["text", "body_html", "edited_at", "decision", "hold_reasons"]
        fields += ["spam_probability", "translation"]
        if comment.state == CommentState.PUBLISHED:
            transaction.on_commit(stamp_touch)
            if verdict.decision != spam.PUBLISH:
                comment.state = CommentState.HELD
                comment.hold_reasons = ["edited after publication", *verdict.reasons]
                fields.append("state")
        comment.save(update_fields=fields)
    return comment


def comment_delete_own(*, comment: Comment) -> None:
    with transaction.atomic():
        _remove(comment)


def commenter_unsubscribe(*, commenter: Commenter) -> None:
    Commenter.objects.filter(pk=commenter.pk, notifications_off_at__isnull=True).update(
        notifications_off_at=timezone.now()
    )


def commenter_export(*, commenter: Commenter) -> str:
    """Everything stored about the address, as JSON."""
    comments = commenter.comments.select_related("article").order_by("created_at")
    return json.dumps(
        {
            "email": commenter.email,
            "confirmed_at": commenter.confirmed_at.isoformat() if commenter.confirmed_at else None,
            "confirmation_sent_on": (
                commenter.confirmation_sent_on.isoformat()
                if commenter.confirmation_sent_on
                else None
            ),
            "notifications_off_at": (
                commenter.notifications_off_at.isoformat()
                if commenter.notifications_off_at
                else None
            ),
            "comments": [
                {
                    "article": comment.article.title,
                    "article_url": settings.SITE_URL + comment.article.get_absolute_url(),
                    "name": comment.name,
                    "website": comment.website,
                    "text": comment.text,
                    "state": comment.state,
                    "hold_reasons": comment.hold_reasons,
                    "notify_replies": comment.notify_replies,
                    "ip_address": comment.ip_address,
                    "created_at": comment.created_at.isoformat(),
                    "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                }
                for comment in comments
            ],
        },
        indent=2,
        ensure_ascii=False,
    )


def commenter_erase(*, commenter: Commenter) -> int:
    """Delete everything tied to the address: its comments (tombstones where others
    replied), its rate counters and the address itself."""
    with transaction.atomic():
        comments = list(commenter.comments.all())
        for comment in comments:
            _remove(comment)
        Comment.objects.filter(commenter=commenter).update(commenter=None)
        RateCounter.objects.filter(Q(key=f"address:{commenter.email.lower()}")).delete()
        commenter.delete()
    return len(comments)


def reply_to_notify(comment_id: int) -> Comment | None:
    """The reply whose parent's author should hear of it now, claimed so it is told once:
    published, the parent's author confirmed, asked for it and not unsubscribed, not the
    same address; None otherwise."""
    reply = (
        Comment.objects.select_related("parent__commenter", "article")
        .filter(pk=comment_id, state=CommentState.PUBLISHED, notified_at__isnull=True)
        .first()
    )
    if reply is None or reply.parent is None:
        return None
    parent = reply.parent
    owner = parent.commenter
    if (
        parent.state != CommentState.PUBLISHED
        or not parent.notify_replies
        or owner is None
        or not owner.is_confirmed
        or owner.notifications_off_at is not None
        or owner.pk == reply.commenter_id
    ):
        return None
    claimed = Comment.objects.filter(pk=reply.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    return reply if claimed else None


def commenter_request_data(*, email: str, send: Callable[[int], None]) -> bool:
    """Mail the address a link to its data, if it commented; within the address's one mail
    a day. Says nothing about whether the address is known (the page answers the same)."""
    commenter = Commenter.objects.filter(email__iexact=email.strip()).first()
    if commenter is None:
        return False
    claimed = rate_allow(f"data:{commenter.email.lower()}", limit=1, seconds=86400)
    if claimed and not commenter.is_confirmed:
        # An unproven address: this mail is its one mail of the day.
        today = timezone.localdate()
        claimed = bool(
            Commenter.objects.filter(pk=commenter.pk)
            .exclude(confirmation_sent_on=today)
            .update(confirmation_sent_on=today)
        )
    if claimed:
        send(commenter.pk)
    return bool(claimed)
