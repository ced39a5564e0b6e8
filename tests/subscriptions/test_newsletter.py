"""The newsletter over a real SMTP server: double opt-in, links without side effects, bot
and abuse defence, digests with one-click unsubscribe, bounces."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Section
from gazette.newsroom.newsletter import digest_send
from gazette.states import DeliveryState, DigestState, SubscriberState
from gazette.subscriptions import services
from gazette.subscriptions.mail import digest_compose
from gazette.subscriptions.models import Delivery, Digest, Subscriber
from tests.factories import make_article
from tests.smtp_sink import Sink, sink_for_django


def make_section(name: str) -> Section:
    return Section.objects.create(name=name, slug=name.lower())


# Real commits: the confirmation is sent on commit of the sign-up, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def one_story_is_an_edition(settings: Any) -> None:
    """Most tests here send editions of one story; the thin-digest tests set their own."""
    settings.NEWSLETTER_MIN_STORIES = 1


@pytest.fixture
def sink(settings: Any) -> Iterator[Sink]:
    """Mail goes to a real SMTP server on loopback; tasks run at once, after commit."""
    for smtp in sink_for_django(settings):
        settings.NEWSLETTER_MIN_SECONDS = 3
        yield smtp


def started(seconds_ago: float = 10) -> str:
    return services.form_token(time.time() - seconds_ago)


def sign_up(client: Client, email: str, **extra: str) -> Any:
    data = {"email": email, "started": started(), "nickname": "", **extra}
    return client.post("/newsletter/", data, REMOTE_ADDR=extra.pop("ip", "192.0.2.1"))


def link_in(message: Any, pattern: str) -> str:
    text = message.part("plain")
    found = re.search(r"https?://\S+" + pattern + r"\S*/", text)
    assert found, text
    return found.group(0).replace("http://127.0.0.1:8000", "")


def test_double_opt_in_over_smtp(client: Client, sink: Sink):
    page = client.get("/newsletter/")
    assert page.status_code == 200 and b'name="started"' in page.content

    response = sign_up(client, "Reader@Example.ORG")
    assert response.status_code == 200
    assert b"confirm it is on its way" in response.content
    [mail] = sink.to("Reader@example.org")
    assert mail["Subject"].startswith("Confirm your subscription")
    assert mail["From"] and "Gazette" in mail["From"]
    assert {part.get_content_type() for part in mail.message.walk()} >= {"text/plain", "text/html"}
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Reader@example.org"
    assert subscriber.state == SubscriberState.PENDING

    link = link_in(mail, "/newsletter/confirm/")
    opened = client.get(link)  # a mail scanner following the link changes nothing
    assert opened.status_code == 200 and b"Confirm my subscription" in opened.content
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.PENDING

    confirmed = client.post(link)
    assert confirmed.status_code == 200 and b"You are subscribed" in confirmed.content
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED
    assert client.post(link).status_code == 200  # a replayed link changes nothing more
    assert len(sink.messages) == 1


def test_one_confirmation_a_day_whatever_is_submitted(client: Client, sink: Sink):
    for _ in range(4):
        assert sign_up(client, "victim@example.org", ip="192.0.2.9").status_code == 200
    assert len(sink.to("victim@example.org")) == 1
    tomorrow = timezone.now() + timedelta(days=1, minutes=1)
    outcome = services.signup(
        email="victim@example.org",
        client="192.0.2.10",
        form_started=services.form_token(tomorrow.timestamp() - 10),
        now=tomorrow,
    )
    assert outcome.subscriber_id is not None  # a day later, one more may go


def test_an_already_subscribed_address_gets_no_mail_and_the_same_words(client: Client, sink: Sink):
    Subscriber.objects.create(email="known@example.org", state=SubscriberState.CONFIRMED)
    response = sign_up(client, "known@example.org")
    assert response.status_code == 200 and services.SIGNUP_ACCEPTED.encode() in response.content
    assert sink.messages == []


@pytest.mark.parametrize(
    ("email", "extra", "says"),
    [
        ("a@example.org\r\nBcc: x@example.net", {}, b"one e-mail address"),
        ("a@example.org, b@example.org", {}, b"one e-mail address"),
        ("Name <a@example.org>", {}, b"one e-mail address"),
        ("\u202eorg.elpmaxe@a", {}, b"invisible characters"),
        ("not an address", {}, b"one e-mail address"),
        ("x" * 300 + "@example.org", {}, b"one e-mail address"),
        ("a@example.org", {"nickname": "bot"}, b"not filled in by hand"),
        ("a@example.org", {"started": "forged"}, b"expired"),
        ("a@example.org", {"started": ""}, b"expired"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_mails_nobody(
    client: Client, sink: Sink, email: str, extra: dict[str, str], says: bytes
):
    response = sign_up(client, email, **extra)
    assert response.status_code == 400
    assert says in response.content
    assert sink.messages == [] and not Subscriber.objects.exists()


def test_too_fast_and_old_forms_are_refused(client: Client, sink: Sink):
    assert b"quicker than a person" in sign_up(client, "a@example.org", started=started(0)).content
    old = started(8 * 86400)
    assert b"expired" in sign_up(client, "a@example.org", started=old).content
    assert sink.messages == []


def test_a_thousand_scripted_signups_send_nothing(client: Client, sink: Sink):
    """Bots that post without passing the form's checks: no mail, no subscriber."""
    for n in range(1000):
        kind = n % 3
        data = {"email": f"target{n}@example.org"}
        if kind == 1:
            data |= {"started": started(), "nickname": "filled"}
        elif kind == 2:
            data |= {"started": services.form_token()}  # posted at once
        assert client.post("/newsletter/", data, REMOTE_ADDR=f"198.51.{n % 250}.1").status_code
    assert sink.messages == [] and not Subscriber.objects.exists()


def test_signups_are_limited_per_address_of_the_client(client: Client, sink: Sink, settings):
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 3
    codes = [sign_up(client, f"r{n}@example.org", ip="203.0.113.5").status_code for n in range(5)]
    assert codes == [200, 200, 200, 400, 400]
    assert sign_up(client, "other@example.org", ip="203.0.113.6").status_code == 200
    assert len(sink.messages) == 4


def test_a_cross_site_post_is_refused(client: Client, sink: Sink):
    data = {"email": "a@example.org", "started": started()}
    refused = client.post("/newsletter/", data, headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403 and b"another site" in refused.content
    other = client.post("/newsletter/", data, headers={"Origin": "https://evil.example"})
    assert other.status_code == 403
    assert sink.messages == []


@pytest.mark.parametrize("token", ["forged", "a" * 400, "W1s1LCAiYWJjIl0:1:bad"])
def test_forged_links_are_refused(client: Client, token: str):
    for url in (f"/newsletter/confirm/{token}/", f"/newsletter/unsubscribe/{token}/"):
        response = client.get(url)
        assert response.status_code == 400 and b"not valid" in response.content


def test_an_expired_confirmation_link_says_so(client: Client):
    subscriber = Subscriber.objects.create(email="late@example.org")
    old = time.time() - 8 * 86400
    with mock.patch("time.time", return_value=old):  # signed eight days ago
        token = services.confirm_token(subscriber)
    response = client.post(f"/newsletter/confirm/{token}/")
    assert response.status_code == 400 and b"expired" in response.content
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.PENDING


def confirmed(*emails: str) -> list[Subscriber]:
    return [
        Subscriber.objects.create(email=address, state=SubscriberState.CONFIRMED)
        for address in emails
    ]


def test_a_digest_reaches_each_confirmed_subscriber_once(client: Client, sink: Sink):
    readers = confirmed("a@example.org", "b@example.org", "c@example.org")
    Subscriber.objects.create(email="pending@example.org")
    Subscriber.objects.create(email="gone@example.org", state=SubscriberState.UNSUBSCRIBED)
    article = make_article(title="Harbour reopens after the storm")
    digest = digest_compose([article])

    assert digest_send(digest_id=digest.pk, batch_size=2) == 3
    assert digest_send(digest_id=digest.pk) == 0  # run again: nobody twice
    digest.refresh_from_db()
    assert digest.state == DigestState.SENT and digest.recipients == 3
    assert sorted(m["To"] for m in sink.messages) == sorted(r.email for r in readers)
    mail = sink.to("a@example.org")[0]
    assert "Harbour reopens after the storm" in mail.part("plain")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.search(r"<(https?://[^>]+)>", mail["List-Unsubscribe"])
    assert one_click
    url = one_click.group(1).replace("http://127.0.0.1:8000", "")
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get(email="a@example.org").state == SubscriberState.UNSUBSCRIBED

    page = link_in(mail, "/newsletter/unsubscribe/")
    assert client.get(page).status_code == 200  # the footer link: a page, no change
    assert Subscriber.objects.get(email="b@example.org").state == SubscriberState.CONFIRMED


def test_hard_bounces_suppress_and_soft_ones_are_retried(sink: Sink):
    confirmed("ok@example.org", "nobody@example.org", "full@example.org")
    sink.refuse["nobody@example.org"] = (550, "5.1.1 No such user")
    sink.refuse["full@example.org"] = (452, "4.2.2 Mailbox full")
    digest = digest_compose([make_article()])

    assert digest_send(digest_id=digest.pk) == 1
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states == {
        "ok@example.org": DeliveryState.SENT,
        "nobody@example.org": DeliveryState.BOUNCED,
        "full@example.org": DeliveryState.FAILED,
    }
    bounced = Delivery.objects.get(subscriber__email="nobody@example.org")
    assert bounced.smtp_reply.startswith("550") and "No such user" in bounced.smtp_reply
    assert Subscriber.objects.get(email="nobody@example.org").state == SubscriberState.SUPPRESSED
    assert Digest.objects.get().state == DigestState.SENDING  # one retry is still due

    del sink.refuse["full@example.org"]
    Delivery.objects.filter(state=DeliveryState.FAILED).update(next_attempt_at=timezone.now())
    assert digest_send(digest_id=digest.pk) == 1
    assert Digest.objects.get().state == DigestState.SENT
    assert len(sink.to("full@example.org")) == 1


def test_an_address_that_unsubscribes_mid_send_is_skipped(sink: Sink):
    [first, second] = confirmed("first@example.org", "second@example.org")
    digest = digest_compose([make_article()])
    services.digest_start(digest.pk)
    services.unsubscribe(second)
    assert digest_send(digest_id=digest.pk) == 1
    assert [m["To"] for m in sink.messages] == [first.email]
    assert Delivery.objects.get(subscriber=second).state == DeliveryState.SKIPPED


def test_a_dead_runs_claims_are_taken_over_after_the_lease(sink: Sink):
    confirmed(*(f"r{n}@example.org" for n in range(5)))
    digest = digest_compose([make_article()])
    services.digest_start(digest.pk)
    lease = timedelta(seconds=60)
    dead = services.deliveries_claim(digest.pk, run="dead", size=3, lease=lease)
    assert len(dead) == 3
    assert digest_send(digest_id=digest.pk) == 2  # the dead run's rows wait for its lease
    later = timezone.now() + timedelta(seconds=61)
    taken = services.deliveries_claim(digest.pk, run="next", size=10, lease=lease, now=later)
    assert sorted(d.pk for d in taken) == sorted(d.pk for d in dead)


def test_the_reaper_queues_a_stalled_edition_again_once(settings: Any):
    from gazette.newsroom.reaper import reap

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    confirmed("a@example.org", "b@example.org")
    digest = digest_compose([make_article()])
    services.digest_start(digest.pk)
    assert reap().digests == 0  # progress is fresh
    later = timezone.now() + timedelta(seconds=settings.REAP_AFTER_SECONDS + 1)
    assert reap(now=later).digests == 1
    assert reap(now=later).digests == 0  # not again at the next tick


def test_a_slow_run_never_sends_a_row_another_run_took_over(sink: Sink):
    confirmed("slow@example.org")
    digest = digest_compose([make_article()])
    services.digest_start(digest.pk)
    lease = timedelta(seconds=60)
    [row] = services.deliveries_claim(digest.pk, run="slow", size=5, lease=lease)
    later = timezone.now() + timedelta(seconds=61)
    [taken] = services.deliveries_claim(digest.pk, run="fast", size=5, lease=lease, now=later)
    assert taken.pk == row.pk
    assert not services.delivery_touch(row.pk, run="slow")  # the slow run skips it
    assert services.delivery_touch(row.pk, run="fast")


def test_readers_choose_how_often_and_which_sections(client: Client, sink: Sink):
    sport, economy = make_section(name="Sport"), make_section(name="Economy")
    daily_sport = Subscriber.objects.create(
        email="sport@example.org", state=SubscriberState.CONFIRMED
    )
    weekly = Subscriber.objects.create(email="weekly@example.org", state=SubscriberState.CONFIRMED)
    page = f"/newsletter/preferences/{services.unsubscribe_token(daily_sport)}/"
    assert client.get(page).status_code == 200  # the link: a page, no change
    saved = client.post(page, {"frequency": "daily", "sections": [sport.slug, "no-such"]})
    assert saved.status_code == 200 and b"Saved" in saved.content
    daily_sport.refresh_from_db()
    assert daily_sport.sections == [sport.slug]
    weekly_page = f"/newsletter/preferences/{services.unsubscribe_token(weekly)}/"
    client.post(weekly_page, {"frequency": "weekly"})
    assert client.post(weekly_page, {"frequency": "hourly"}).status_code == 400

    digest = digest_compose(
        [
            make_article(title="Cup final won on penalties", section=sport),
            make_article(title="Rates held steady", section=economy),
        ]
    )
    assert digest_send(digest_id=digest.pk) == 1  # the weekly reader waits for the weekly
    [mail] = sink.messages
    assert mail["To"] == "sport@example.org"
    text = mail.part("plain")
    assert "Cup final won on penalties" in text and "Rates held steady" not in text
    assert "/newsletter/preferences/" in text


def test_a_reader_of_other_sections_gets_no_empty_copy(sink: Sink):
    Subscriber.objects.create(
        email="culture@example.org", state=SubscriberState.CONFIRMED, sections=["culture"]
    )
    digest = digest_compose([make_article(section=make_section(name="Sport"))])
    assert digest_send(digest_id=digest.pk) == 0
    assert sink.messages == []
    assert Delivery.objects.get().state == DeliveryState.SKIPPED
