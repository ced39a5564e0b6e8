"""Each reader's copy of an edition over a real SMTP server: the stories made public since
their last digest (no repeats, no gaps), a thin copy skipped, the HTML styled inline with the
site's own images, and the newsletter's words in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from gazette.articles.models import Article, Section
from gazette.desk.admin.subscriptions import edition_articles
from gazette.discovery.models import PopularityBucket
from gazette.ingest.models import ImageFile
from gazette.newsroom.newsletter import digest_send
from gazette.states import DeliveryState, DigestFrequency, SubscriberState
from gazette.subscriptions import services
from gazette.subscriptions.mail import DigestWire, Wires, confirmation_message, digest_compose
from gazette.subscriptions.models import Delivery, Digest, Subscriber
from tests.factories import make_article
from tests.smtp_sink import Received, Sink, sink_for_django

pytestmark = pytest.mark.django_db(transaction=True)

NOW = timezone.now()
SUNDAY, MONDAY, TUESDAY = NOW - timedelta(days=2), NOW - timedelta(days=1), NOW


@pytest.fixture
def sink(settings: Any) -> Iterator[Sink]:
    for smtp in sink_for_django(settings):
        settings.NEWSLETTER_MIN_STORIES = 3
        yield smtp


def reader(email: str, **fields: Any) -> Subscriber:
    return Subscriber.objects.create(email=email, state=SubscriberState.CONFIRMED, **fields)


def stories(day: str, at: datetime, n: int = 3, **fields: Any) -> list[Article]:
    """`n` articles made public two hours before `at`, titled "<day> story k"."""
    return [
        make_article(
            title=f"{day} story {k}",
            made_public_at=at - timedelta(hours=2, minutes=k),
            published_at=at - timedelta(hours=2, minutes=k),
            **fields,
        )
        for k in range(1, n + 1)
    ]


def compose(frequency: str, at: datetime) -> Digest:
    """What the desk's "Compose" button does, at `at`."""
    start = services.edition_start(frequency, now=at)
    edition = edition_articles(start, until=at)
    return digest_compose(
        edition.articles, frequency=frequency, reports=edition.reports, views=edition.views, now=at
    )


def titles(message: Received) -> list[str]:
    return [title.strip() for title in re.findall(r"^\* (.+)$", message.part("plain"), re.M)]


def test_each_reader_gets_what_was_published_since_their_last_digest(sink: Sink):
    steady = reader("steady@example.org")
    missed = reader("missed@example.org")
    switched = reader("switched@example.org", frequency=DigestFrequency.WEEKLY)

    stories("Sunday", SUNDAY)
    sunday_daily = compose(DigestFrequency.DAILY, SUNDAY)
    digest_send(digest_id=sunday_daily.pk)
    digest_send(digest_id=compose(DigestFrequency.WEEKLY, SUNDAY).pk)
    assert sorted(m["To"] for m in sink.messages) == sorted(
        [steady.email, missed.email, switched.email]
    )

    # Monday: the missed reader's mailbox is full until the sender gives up on it.
    stories("Monday", MONDAY)
    sink.refuse[missed.email] = (452, "4.2.2 Mailbox full")
    monday = compose(DigestFrequency.DAILY, MONDAY)
    for _attempt in range(services.MAX_ATTEMPTS):
        Delivery.objects.filter(state=DeliveryState.FAILED).update(next_attempt_at=timezone.now())
        digest_send(digest_id=monday.pk)
    assert Delivery.objects.get(digest=monday, subscriber=missed).state == DeliveryState.BOUNCED
    assert Subscriber.objects.get(pk=missed.pk).state == SubscriberState.CONFIRMED
    del sink.refuse[missed.email]
    # After Monday's daily went out, the weekly reader switches to daily; a reader joins.
    Subscriber.objects.filter(pk=switched.pk).update(frequency=DigestFrequency.DAILY)
    newcomer = reader("newcomer@example.org")
    # An article made public after Monday's edition was composed but on Monday.
    [late_monday] = stories("Late Monday", MONDAY + timedelta(hours=5), n=1)

    stories("Tuesday", TUESDAY)
    sink.messages.clear()
    tuesday = compose(DigestFrequency.DAILY, TUESDAY)
    digest_send(digest_id=tuesday.pk)

    [to_steady] = sink.to(steady.email)
    [to_missed] = sink.to(missed.email)
    [to_switched] = sink.to(switched.email)
    [to_newcomer] = sink.to(newcomer.email)
    tuesday_titles = {f"Tuesday story {k}" for k in (1, 2, 3)} | {late_monday.title}
    monday_titles = {f"Monday story {k}" for k in (1, 2, 3)}
    assert set(titles(to_steady)) == tuesday_titles  # nothing it had on Monday
    for caught_up in (to_missed, to_switched):  # Monday's and Tuesday's, once each, no Sunday
        assert sorted(titles(caught_up)) == sorted(monday_titles | tuesday_titles)
    assert set(titles(to_newcomer)) == tuesday_titles  # a first copy: the edition's window
    since = dict(Delivery.objects.filter(digest=tuesday).values_list("subscriber", "since"))
    assert since[steady.pk] == monday.created_at and since[newcomer.pk] is None
    assert since[missed.pk] == sunday_daily.created_at


def test_a_thin_copy_is_skipped_recorded_and_caught_up_next_time(sink: Sink):
    sport = Section.objects.create(name="Sport", slug="sport")
    fan = reader("fan@example.org", sections=["sport"])
    everyone = reader("everyone@example.org")
    stories("Sunday", SUNDAY, n=3, section=sport)
    digest_send(digest_id=compose(DigestFrequency.DAILY, SUNDAY).pk)
    assert len(sink.messages) == 2
    sink.messages.clear()
    stories("Monday", MONDAY, n=2, section=sport)
    stories("Monday news", MONDAY, n=2)
    monday = compose(DigestFrequency.DAILY, MONDAY)
    assert digest_send(digest_id=monday.pk) == 1
    assert [m["To"] for m in sink.messages] == [everyone.email]
    skipped = Delivery.objects.get(digest=monday, subscriber=fan)
    assert skipped.state == DeliveryState.SKIPPED and skipped.smtp_reply.startswith("thin: 2")

    stories("Tuesday", TUESDAY, n=1, section=sport)
    stories("Tuesday news", TUESDAY, n=2)
    sink.messages.clear()
    tuesday = compose(DigestFrequency.DAILY, TUESDAY)
    digest_send(digest_id=tuesday.pk)
    [to_fan] = sink.to(fan.email)  # since Sunday's, the last sent to them
    assert sorted(titles(to_fan)) == ["Monday story 1", "Monday story 2", "Tuesday story 1"]
    [to_everyone] = sink.to(everyone.email)  # since Monday's
    assert sorted(titles(to_everyone)) == [
        "Tuesday news story 1",
        "Tuesday news story 2",
        "Tuesday story 1",
    ]


def test_the_html_part_is_styled_inline_with_the_sites_own_images(sink: Sink, settings: Any):
    settings.SITE_URL = "https://news.example.org"
    sport = Section.objects.create(name="Sport", slug="sport")
    economy = Section.objects.create(name="Economy", slug="economy")
    culture = Section.objects.create(name="Culture", slug="culture")
    pictured = make_article(
        title="Cup final won on penalties", section=culture, image_alt="The captain lifts the cup"
    )
    captioned = make_article(title="Rates held steady", section=economy, image_caption="The bank")
    plain = make_article(title="Derby ends in a draw", section=sport)
    second = make_article(title="Relegation battle tightens", section=sport)
    for n, article in enumerate((pictured, captioned, plain, second)):
        ImageFile.objects.create(
            article=article,
            source_url="https://outlet.example/picture.jpg",
            state=ImageFile.State.STORED,
            width=1280,
            height=720,
            renditions=[
                {"width": w, "height": w * 9 // 16, "format": f, "name": f"images/{n}-{w}.{f}"}
                for w in (320, 640, 1280)
                for f in ("jpeg", "webp")
            ],
        )
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    PopularityBucket.objects.create(article=plain, hour=hour, views=50)
    PopularityBucket.objects.create(article=second, hour=hour, views=10)
    reader("reader@example.org")
    digest = compose(DigestFrequency.DAILY, timezone.now())
    digest_send(digest_id=digest.pk)

    [message] = sink.messages
    html = message.part("html")
    assert "<style" not in html and "</style>" not in html
    assert len(re.findall(r' style="[^"]+"', html)) > 10
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 3  # each section's first story is pictured, the rest are not
    for image in images:
        attributes = dict(re.findall(r'(\w+)="([^"]*)"', image))
        assert attributes["src"].startswith("https://news.example.org/media/images/")
        assert attributes["src"].endswith("-640.jpeg")  # the stored JPEG nearest the width
        assert attributes["width"] == "560" and attributes["height"] == "315"
        assert attributes["alt"]
    # The image's text alternative, else its caption, else the headline.
    alts = [dict(re.findall(r'(\w+)="([^"]*)"', image))["alt"] for image in images]
    assert alts == ["The captain lifts the cup", "The bank", "Derby ends in a draw"]
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert links and all(link.startswith("https://news.example.org/") for link in links), links
    # Grouped by section (by name), the most read first within each; both parts agree.
    assert titles(message) == [pictured.title, "Rates held steady", plain.title, second.title]
    positions = [html.index(title) for title in titles(message)]
    assert positions == sorted(positions)
    assert html.index(">Economy<") < html.index(">Sport<")


def test_a_readers_language_changes_the_newsletters_words(
    client: Client, sink: Sink, settings: Any
):
    settings.NEWSLETTER_LANGUAGES = ["en", "de"]
    german = reader("leser@example.org")
    english = reader("reader@example.org")
    page = f"/newsletter/preferences/{services.unsubscribe_token(german)}/"
    shown = client.get(page).content.decode()
    assert 'name="language" value="de"' in shown and "Deutsch" in shown
    saved = client.post(page, {"frequency": "daily", "language": "de"})
    assert saved.status_code == 200
    assert Subscriber.objects.get(pk=german.pk).language == "de"
    assert client.post(page, {"frequency": "daily", "language": "xx"}).status_code == 400

    stories("Today", timezone.now())
    digest_send(digest_id=compose(DigestFrequency.DAILY, timezone.now()).pk)
    [to_german] = sink.to(german.email)
    [to_english] = sink.to(english.email)
    assert "die Nachrichten vom" in to_german["Subject"]
    assert "the news of" in to_english["Subject"]
    for part in ("plain", "html"):
        assert "Abbestellen" in to_german.part(part) and "Unsubscribe" not in to_german.part(part)
        assert "Unsubscribe" in to_english.part(part)
    assert "Today story 1" in to_german.part("plain")  # the stories stay the site's
    assert '<html lang="de">' in to_german.part("html")


def test_a_single_language_site_offers_and_stores_its_language(client: Client, settings: Any):
    settings.NEWSLETTER_LANGUAGES = [django_settings.SITE_LANGUAGE]
    subscriber = Subscriber.objects.create(email="new@example.org")
    page = f"/newsletter/confirm/{services.confirm_token(subscriber)}/"
    form = client.get(page).content.decode()
    assert form.count('name="language"') == 1
    done = client.post(page, {"language": django_settings.SITE_LANGUAGE}).content.decode()
    assert "You are subscribed" in done and "English" in done
    assert Subscriber.objects.get().language == django_settings.SITE_LANGUAGE


def test_the_confirmation_mail_is_in_the_language_chosen_and_styled_inline(
    client: Client, sink: Sink, settings: Any
):
    settings.NEWSLETTER_LANGUAGES = ["en", "de"]
    subscriber = Subscriber.objects.create(email="leser@example.org", language="de")
    confirmation_message(subscriber).send()
    [mail] = sink.messages
    assert mail["Subject"].startswith("Bitte bestätigen Sie")
    assert "Mein Abonnement bestätigen" in mail.part("html")
    assert "<style" not in mail.part("html") and ' style="' in mail.part("html")


def test_copies_alike_are_rendered_once(settings: Any):
    """Readers who differ in nothing their copy shows share one rendering, so sending costs
    a few renderings, not one per reader (make bench-mail)."""
    settings.NEWSLETTER_LANGUAGES = ["en", "de"]
    settings.NEWSLETTER_MIN_STORIES = 1
    # Monday's edition was composed six hours before the day's turn; a story came after it.
    stories("Monday", MONDAY - timedelta(hours=6), n=2)
    monday = compose(DigestFrequency.DAILY, MONDAY - timedelta(hours=6))
    stories("Monday evening", MONDAY - timedelta(hours=1), n=1)
    stories("Tuesday", TUESDAY, n=2)
    for n in range(30):
        subscriber = reader(f"r{n}@example.org", language="de" if n % 3 == 0 else "en")
        if n % 2:
            Delivery.objects.create(digest=monday, subscriber=subscriber, state=DeliveryState.SENT)
    tuesday = compose(DigestFrequency.DAILY, TUESDAY)
    services.digest_start(tuesday.pk)
    wires = Wires(tuesday)
    rows = Delivery.objects.filter(digest=tuesday).select_related("subscriber", "digest")
    copies = [wires.for_delivery(row) for row in rows]
    assert len(copies) == 30
    # Two kinds of start (Monday's edition, or a first copy: the day's window, without the
    # evening story) × two languages.
    assert len(wires.made) == 4
    # Each rendered once as bytes that every reader's copy is made from.
    assert all(isinstance(copy, DigestWire) and copy.template is not None for copy in copies)
