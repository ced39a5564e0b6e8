"""The newsletter's writes: sign-up, confirmation, unsubscription, digests and deliveries.

Nothing here sends mail or enqueues: the flow (`gazette.newsroom.newsletter`) calls these,
sends, and reports back. Every write is a conditional UPDATE or an insert that ignores a
duplicate, so two workers (or a worker and its ghost) never both win a row.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from gazette.states import DeliveryState, DigestFrequency, DigestState, SubscriberState
from gazette.subscriptions.models import Delivery, Digest, SignupCounter, Subscriber

logger = logging.getLogger(__name__)

CONFIRM_SALT = "gazette.subscriptions.confirm"
UNSUBSCRIBE_SALT = "gazette.subscriptions.unsubscribe"
FORM_SALT = "gazette.subscriptions.form"
CONFIRM_MAX_AGE = timedelta(days=7)
# The form sits on cached pages, so its start time can be days old when a reader uses it.
FORM_MAX_AGE = timedelta(days=7)
CONFIRMATION_INTERVAL = timedelta(days=1)  # at most one confirmation mail per address per day
RETRY_BASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
# What an edition covers for a reader who has had none yet (a new subscriber gets at most
# this), and how far back it reaches for a reader who missed editions (bounced, not yet
# confirmed, switched from weekly to daily): what was made public since their last digest,
# at most CATCH_UP back.
EDITION_WINDOW = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}
CATCH_UP = {DigestFrequency.DAILY: timedelta(days=7), DigestFrequency.WEEKLY: timedelta(days=28)}
EDITION_STORIES = 200  # stories an edition holds at most, for all its readers together
COPY_STORIES = 20  # stories one reader's copy holds at most (the most read)
# What a reader is told after every sign-up the form accepts, whatever happened: the same
# words for a new address, a known one and one that already had its mail today, so the form
# does not tell a stranger who subscribes.
SIGNUP_ACCEPTED = (
    "Thank you. If this address is not subscribed yet, a message to confirm it is on its way: "
    "open the link in it to start receiving the newsletter."
)


class SignupRefused(Exception):
    """The form was not accepted; the message says what the reader can do."""


@dataclass(frozen=True)
class SignupOutcome:
    subscriber_id: int | None  # set when a confirmation mail is to be sent now
    message: str = SIGNUP_ACCEPTED


# --- Addresses and tokens ---------------------------------------------------------------


def normalize_email(raw: str) -> str:
    """The address as stored: trimmed, NFC, the domain in lower case; refused when it is not
    one plain address (no names, no line breaks, no second address)."""
    text = unicodedata.normalize("NFC", (raw or "").strip())
    if not text or len(text) > 254 or any(ch in text for ch in "\r\n,;<>\"' \t"):
        raise SignupRefused("Please enter one e-mail address, like name@example.org.")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise SignupRefused("The address contains invisible characters; please type it again.")
    try:
        validate_email(text)
    except ValidationError:
        raise SignupRefused("That does not look like an e-mail address; please check it.") from None
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


def _token(subscriber: Subscriber, salt: str) -> str:
    return signing.dumps([subscriber.pk, _address_hash(subscriber.email)], salt=salt)


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def confirm_token(subscriber: Subscriber) -> str:
    return _token(subscriber, CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return _token(subscriber, UNSUBSCRIBE_SALT)


class TokenInvalid(Exception):
    """A link that is forged, damaged, expired or for an address no longer here."""


def _subscriber_for(token: str, *, salt: str, max_age: timedelta | None) -> Subscriber:
    try:
        pk, digest = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenInvalid(
            "This link has expired. Sign up again and we will send you a new one."
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise TokenInvalid(
            "This link is not valid. Copy the whole link from the message and try again."
        ) from None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or _address_hash(subscriber.email) != digest:
        raise TokenInvalid("This link is for an address that is no longer on our list.")
    return subscriber


def subscriber_for_confirmation(token: str) -> Subscriber:
    return _subscriber_for(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def subscriber_for_unsubscribe(token: str) -> Subscriber:
    return _subscriber_for(token, salt=UNSUBSCRIBE_SALT, max_age=None)


def form_token(now: float | None = None) -> str:
    """The sign-up form's signed start time: a post without it, or sooner than
    NEWSLETTER_MIN_SECONDS after it, was not typed by a person."""
    return signing.dumps(int(now if now is not None else time.time()), salt=FORM_SALT)


# --- Proof of work (optional: NEWSLETTER_POW_BITS) --------------------------------------

POW_SALT = "gazette.subscriptions.pow"
POW_MAX_AGE = timedelta(minutes=30)


def pow_challenge() -> str:
    """A fresh challenge for the form's proof of work: signed (with its time) and unique, so
    the server needs to store nothing until it is used, and then only that it was."""
    return signing.dumps([secrets.token_hex(12), settings.NEWSLETTER_POW_BITS], salt=POW_SALT)


def pow_zero_bits(challenge: str, nonce: str) -> int:
    """Leading zero bits of SHA-256("challenge:nonce"), as the browser's script counts them."""
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    value = int.from_bytes(digest, "big")
    return 256 - value.bit_length()


def _check_pow(challenge: str, nonce: str) -> None:
    bits = settings.NEWSLETTER_POW_BITS
    if bits <= 0:
        return
    needs_script = (
        "This form asks your browser to prove it is one (a second's sum); please turn on "
        "JavaScript and reload the page."
    )
    try:
        ident, asked = signing.loads(challenge, salt=POW_SALT, max_age=POW_MAX_AGE)
    except signing.SignatureExpired:
        raise SignupRefused("The form's check has expired; please send it again.") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise SignupRefused(needs_script) from None
    if len(nonce) > 40 or pow_zero_bits(challenge, nonce) < max(bits, int(asked)):
        raise SignupRefused(needs_script)
    try:  # one use per challenge: a second insert of its key fails, atomically
        with transaction.atomic():
            SignupCounter.objects.create(key=f"pow:{ident}"[:100], window=0, count=1)
    except IntegrityError:
        raise SignupRefused("This form was sent already; please reload the page.") from None


# --- Sign-up, confirmation, unsubscription ----------------------------------------------


def _check_form(form_started: str, honeypot: str, now: float) -> None:
    if honeypot:
        # A field people never see was filled in: a bot. Said plainly, without detail.
        raise SignupRefused("The form was not filled in by hand; please reload the page.")
    try:
        started = int(signing.loads(form_started, salt=FORM_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        raise SignupRefused("The form has expired; please reload the page and try again.") from None
    if now - started > FORM_MAX_AGE.total_seconds():
        raise SignupRefused("The form has expired; please reload the page and try again.")
    if now - started < settings.NEWSLETTER_MIN_SECONDS:
        raise SignupRefused("That was quicker than a person types; please try again.")


def rate_limit_hit(key: str, *, limit: int, window_seconds: int, now: float) -> bool:
    """Count one attempt for `key` in the current window; True when over the limit.

    One conditional UPDATE (count = count + 1 where count < limit) is atomic on SQLite and
    PostgreSQL alike: concurrent requests on several workers never pass more than `limit`."""
    window = int(now // window_seconds)
    for _ in range(2):
        updated = SignupCounter.objects.filter(key=key, window=window, count__lt=limit).update(
            count=F("count") + 1
        )
        if updated:
            return False
        if SignupCounter.objects.filter(key=key, window=window).exists():
            return True
        try:
            with transaction.atomic():
                SignupCounter.objects.create(key=key, window=window, count=1)
            return False
        except IntegrityError:
            continue  # another request created it first: count against it
    return True


def signup(
    *,
    email: str,
    client: str,
    form_started: str,
    honeypot: str = "",
    language: str = "",
    pow_challenge: str = "",
    pow_nonce: str = "",
    now: datetime | None = None,
) -> SignupOutcome:
    """Record a sign-up; a confirmation mail is due only for an address that has had none
    today and is not already subscribed, suppressed or on hold."""
    moment = now or timezone.now()
    _check_form(form_started, honeypot, moment.timestamp())
    _check_pow(pow_challenge, pow_nonce)
    address = normalize_email(email)
    if rate_limit_hit(
        f"ip:{client}",
        limit=settings.NEWSLETTER_SIGNUPS_PER_HOUR,
        window_seconds=3600,
        now=moment.timestamp(),
    ):
        raise SignupRefused("Too many sign-ups from your network; please try again in an hour.")
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(
            email=address, defaults={"created_at": moment, "language": language[:12]}
        )
        if subscriber.state == SubscriberState.UNSUBSCRIBED:
            Subscriber.objects.filter(pk=subscriber.pk, state=SubscriberState.UNSUBSCRIBED).update(
                state=SubscriberState.PENDING
            )
        if subscriber.state in (SubscriberState.CONFIRMED, SubscriberState.SUPPRESSED):
            return SignupOutcome(None)
        claimed = (
            Subscriber.objects.filter(pk=subscriber.pk, state=SubscriberState.PENDING)
            .filter(
                Q(confirmation_sent_at__isnull=True)
                | Q(confirmation_sent_at__lte=moment - CONFIRMATION_INTERVAL)
            )
            .update(confirmation_sent_at=moment)
        )
    return SignupOutcome(subscriber.pk if claimed else None)


def confirm(subscriber: Subscriber, *, now: datetime | None = None) -> bool:
    """Confirm the address (idempotent: a second POST of the same link changes nothing)."""
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk, state=SubscriberState.PENDING).update(
            state=SubscriberState.CONFIRMED, confirmed_at=now or timezone.now()
        )
    )


def unsubscribe(subscriber: Subscriber, *, now: datetime | None = None) -> bool:
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(state__in=[SubscriberState.UNSUBSCRIBED, SubscriberState.SUPPRESSED])
        .update(state=SubscriberState.UNSUBSCRIBED, unsubscribed_at=now or timezone.now())
    )


def newsletter_language(code: str) -> str:
    """`code` when it is one of NEWSLETTER_LANGUAGES, else the site's language."""
    base = (code or "").split("-")[0].lower()
    return base if base in settings.NEWSLETTER_LANGUAGES else settings.SITE_LANGUAGE


def preferences_save(
    subscriber: Subscriber, *, frequency: str, sections: Sequence[str], language: str = ""
) -> None:
    """The reader's choices: how often, which sections (none: all), which language (one of
    NEWSLETTER_LANGUAGES; empty keeps the one stored)."""
    if frequency not in DigestFrequency.values:
        raise SignupRefused("Choose how often: every day or once a week.")
    if language and newsletter_language(language) != language:
        raise SignupRefused("Choose one of the languages offered.")
    Subscriber.objects.filter(pk=subscriber.pk).update(
        frequency=frequency,
        sections=sorted(set(sections)),
        language=language or newsletter_language(subscriber.language),
    )


def language_save(subscriber: Subscriber, *, language: str) -> None:
    """The language chosen on the confirmation page (ignored unless it is offered)."""
    if language and newsletter_language(language) == language:
        Subscriber.objects.filter(pk=subscriber.pk).update(language=language)


def delivery_skipped(delivery_id: int, *, run: str, reason: str) -> None:
    Delivery.objects.filter(pk=delivery_id, claimed_by=run).update(
        state=DeliveryState.SKIPPED, smtp_reply=reason[:500]
    )


def unsubscribe_address(email: str) -> bool:
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    return unsubscribe(subscriber) if subscriber is not None else False


def suppress(email: str, reason: str) -> bool:
    """Never mail this address again (a hard bounce or a complaint)."""
    return bool(
        Subscriber.objects.filter(email__iexact=email)
        .exclude(state=SubscriberState.SUPPRESSED)
        .update(state=SubscriberState.SUPPRESSED, suppressed_reason=reason[:300])
    )


def soft_bounce(email: str) -> None:
    Subscriber.objects.filter(email__iexact=email).update(bounces=F("bounces") + 1)


def forget(email: str) -> int:
    """Delete everything tied to the address (deliveries go with it)."""
    deleted, _ = Subscriber.objects.filter(email__iexact=email).delete()
    return deleted


# --- Digests and deliveries -------------------------------------------------------------


def edition_window(frequency: str) -> timedelta:
    return EDITION_WINDOW.get(DigestFrequency(frequency), EDITION_WINDOW[DigestFrequency.DAILY])


def last_digests(*, frequency: str, before: datetime) -> dict[int, datetime]:
    """For each confirmed reader of `frequency` who was ever sent an edition composed before
    `before`, when the latest such edition was composed: their next copy starts there. Only
    a copy actually sent counts (a bounced, failed or skipped one does not), whatever the
    edition's frequency (a reader who switched from weekly to daily continues from the
    weekly)."""
    rows = (
        Delivery.objects.filter(
            state=DeliveryState.SENT,
            subscriber__state=SubscriberState.CONFIRMED,
            subscriber__frequency=frequency,
            digest__created_at__lt=before,
        )
        .values("subscriber")
        .annotate(last=Max("digest__created_at"))
        .values_list("subscriber", "last")
    )
    return dict(rows.iterator(chunk_size=5000))


def edition_start(frequency: str, *, now: datetime) -> datetime:
    """Where an edition composed `now` starts: its window, or earlier when a reader's last
    digest is older (their copy catches up), but never more than CATCH_UP back."""
    start = now - edition_window(frequency)
    oldest = min(last_digests(frequency=frequency, before=now).values(), default=start)
    floor = now - CATCH_UP.get(DigestFrequency(frequency), CATCH_UP[DigestFrequency.DAILY])
    return max(floor, min(start, oldest))


def digest_start(digest_id: int, *, now: datetime | None = None) -> Digest:
    """Write one delivery row per confirmed subscriber, once; safe to run again after a crash
    half-way (the unique (digest, subscriber) pair ignores what is there)."""
    moment = now or timezone.now()
    Digest.objects.filter(pk=digest_id, state=DigestState.DRAFT).update(
        state=DigestState.SENDING, started_at=moment, progress_at=moment
    )
    digest = Digest.objects.get(pk=digest_id)
    if digest.state != DigestState.SENDING or digest.recipients:
        return digest
    confirmed = (
        Subscriber.objects.filter(state=SubscriberState.CONFIRMED, frequency=digest.frequency)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Each copy covers what was made public since the reader's last digest (fixed here, so
    # a retry after a crash holds the same stories).
    since = last_digests(frequency=digest.frequency, before=digest.created_at)
    # Pages by key, each read in full before its rows are written: an open read cursor on
    # SQLite holds a snapshot that a write on the same connection cannot upgrade once another
    # process (a worker's heartbeat, the reaper) has committed ("database is locked").
    last_pk = 0
    while page := list(confirmed.filter(pk__gt=last_pk)[:2000]):
        Delivery.objects.bulk_create(
            [Delivery(digest_id=digest_id, subscriber_id=pk, since=since.get(pk)) for pk in page],
            ignore_conflicts=True,
        )
        last_pk = page[-1]
    total = Delivery.objects.filter(digest_id=digest_id).count()
    Digest.objects.filter(pk=digest_id).update(recipients=total)
    digest.recipients = total
    return digest


def _due(now: datetime, lease: timedelta) -> Q:
    return (
        Q(state=DeliveryState.PENDING)
        | Q(state=DeliveryState.FAILED, next_attempt_at__lte=now)
        | Q(state=DeliveryState.CLAIMED, claimed_at__lt=now - lease)
    )


def deliveries_claim(
    digest_id: int, *, run: str, size: int, lease: timedelta, now: datetime | None = None
) -> list[Delivery]:
    """Take up to `size` deliveries that are due: never tried, failed and due again, or
    claimed by a run that died (its claim older than `lease`)."""
    moment = now or timezone.now()
    due = Delivery.objects.filter(_due(moment, lease), digest_id=digest_id)
    ids = list(due.order_by("pk").values_list("pk", flat=True)[:size])
    if not ids:
        return []
    Digest.objects.filter(pk=digest_id).update(progress_at=moment)
    Delivery.objects.filter(_due(moment, lease), pk__in=ids).update(
        state=DeliveryState.CLAIMED, claimed_by=run, claimed_at=moment
    )
    claimed = list(
        Delivery.objects.filter(pk__in=ids, claimed_by=run, state=DeliveryState.CLAIMED)
        .select_related("subscriber", "digest")
        .order_by("pk")
    )
    gone = [d.pk for d in claimed if d.subscriber.state != SubscriberState.CONFIRMED]
    if gone:
        Delivery.objects.filter(pk__in=gone, claimed_by=run).update(state=DeliveryState.SKIPPED)
    return [d for d in claimed if d.pk not in gone]


def delivery_sent(delivery_id: int, *, run: str, message_id: str) -> bool:
    """Marked the moment the message's last line is written (`lib.smtp`); False when this run
    no longer held the row (another run took it over after this one outlived its lease)."""
    return bool(
        Delivery.objects.filter(pk=delivery_id, claimed_by=run, state=DeliveryState.CLAIMED).update(
            state=DeliveryState.SENT,
            sent_at=timezone.now(),
            message_id=message_id[:200],
            attempts=F("attempts") + 1,
        )
    )


def delivery_touch(delivery_id: int, *, run: str) -> bool:
    """Renew this run's claim on the row just before sending it; False when another run took
    it over meanwhile (this run was slow beyond the lease), which then sends it instead."""
    return bool(
        Delivery.objects.filter(pk=delivery_id, claimed_by=run, state=DeliveryState.CLAIMED).update(
            claimed_at=timezone.now()
        )
    )


def delivery_failed(
    delivery_id: int,
    *,
    run: str,
    code: int | None,
    reply: str,
    permanent: bool = False,
    now: datetime | None = None,
) -> DeliveryState:
    """Record the server's answer. A permanent refusal of the address (`permanent`: a 5xx to
    RCPT) bounces and suppresses it; anything else is tried again later, up to MAX_ATTEMPTS."""
    moment = now or timezone.now()
    delivery = Delivery.objects.select_related("subscriber").get(pk=delivery_id)
    # A refusal after the row was marked sent (at the end of DATA) counted that attempt.
    attempts = delivery.attempts + (0 if delivery.state == DeliveryState.SENT else 1)
    text = f"{code} {reply}".strip() if code else reply
    if permanent:
        state = DeliveryState.BOUNCED
        suppress(delivery.subscriber.email, f"hard bounce: {text}")
    elif attempts >= MAX_ATTEMPTS:
        state = DeliveryState.BOUNCED
        soft_bounce(delivery.subscriber.email)
        text = f"gave up after {attempts} attempts; last: {text}"
    else:
        state = DeliveryState.FAILED
    Delivery.objects.filter(pk=delivery_id, claimed_by=run).update(
        state=state,
        attempts=attempts,
        smtp_reply=text[:500],
        next_attempt_at=moment + RETRY_BASE * (2 ** (attempts - 1))
        if state == DeliveryState.FAILED
        else None,
    )
    return DeliveryState(state)


def digest_finish(
    digest_id: int, *, lease: timedelta, now: datetime | None = None
) -> datetime | None:
    """Mark the digest sent when nothing is left to try; else when the next row is due (a
    retry's time, or when a dead run's claim expires)."""
    moment = now or timezone.now()
    open_rows = Delivery.objects.filter(
        digest_id=digest_id,
        state__in=[DeliveryState.PENDING, DeliveryState.CLAIMED, DeliveryState.FAILED],
    )
    if not open_rows.exists():
        Digest.objects.filter(pk=digest_id, state=DigestState.SENDING).update(
            state=DigestState.SENT, finished_at=moment
        )
        return None
    due = [moment]
    for state, retry_at, claimed_at in open_rows.values_list(
        "state", "next_attempt_at", "claimed_at"
    )[:1000]:
        if state == DeliveryState.FAILED and retry_at:
            due.append(retry_at)
        elif state == DeliveryState.CLAIMED and claimed_at:
            due.append(claimed_at + lease)
    return max(moment, min(due[1:], default=moment))


def digest_counts(digest: Digest) -> dict[str, int]:
    counts = {state.value: 0 for state in DeliveryState}
    for state in Delivery.objects.filter(digest=digest).values_list("state", flat=True):
        counts[state] += 1
    return counts


def digests_stalled(*, before: datetime) -> Sequence[int]:
    """Digests still sending with work left that nobody has touched since `before`."""
    return list(
        Digest.objects.filter(state=DigestState.SENDING, progress_at__lt=before)
        .filter(
            Q(deliveries__state__in=[DeliveryState.PENDING, DeliveryState.FAILED])
            | Q(deliveries__state=DeliveryState.CLAIMED, deliveries__claimed_at__lt=before)
        )
        .distinct()
        .values_list("pk", flat=True)
    )
