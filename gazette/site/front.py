"""The front page, edited like a newspaper's: a lead story with its picture, the day's top
stories each with the outlets that report it, section blocks, and most read. Every article
appears once on the page; a story's reports appear together, under one headline.

Undated articles (`published_at_estimated`: the outlet gave no date, the time is when Gazette
first saw them) never lead, nor head a top story while a dated report exists.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from gazette.articles.models import Article, Section
from gazette.articles.selectors import articles_published
from gazette.discovery.popular import most_read
from gazette.lib.stamp import per_change
from gazette.site.pictures import stored_image

WINDOW = 80  # newest published articles the front is edited from
TOP_STORIES = 6
PER_SECTION = 4
MOST_READ = 5


@dataclass
class FrontStory:
    """One event: the report shown (headline, picture, teaser) and the other outlets' reports."""

    article: Article
    others: list[Article] = field(default_factory=list)
    story_id: int | None = None

    @property
    def reports(self) -> list[Article]:
        return [self.article, *self.others]

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(report.source.name for report in self.reports))

    @property
    def has_picture(self) -> bool:
        return stored_image(self.article) is not None


@dataclass
class EditedFront:
    lead: FrontStory | None = None
    top: list[FrontStory] = field(default_factory=list)
    sections: list[tuple[Section, list[FrontStory]]] = field(default_factory=list)
    popular: list[Article] = field(default_factory=list)
    popular_is_fallback: bool = False


def _recent() -> list[Article]:
    return list(
        articles_published()
        .select_related("source", "section", "embedding", "stored_image")
        .defer("minhash")[:WINDOW]  # teasers without a standfirst read the body
    )


def _story_id(article: Article) -> int | None:
    try:
        return article.embedding.story_id
    except Exception:  # no embedding yet (not discovered)
        return None


def _group(recent: list[Article]) -> list[FrontStory]:
    """One FrontStory per event, in the order of its newest dated report; the report shown is
    the newest dated one with a picture, else the newest dated, else the newest."""
    by_story: dict[int, list[Article]] = defaultdict(list)
    order: list[tuple[str, int]] = []
    for article in recent:
        story = _story_id(article)
        if story is None:
            order.append(("a", article.pk))
        else:
            if story not in by_story:
                order.append(("s", story))
            by_story[story].append(article)
    by_id = {article.pk: article for article in recent}
    groups: list[FrontStory] = []
    for kind, key in order:
        reports = by_story[key] if kind == "s" else [by_id[key]]
        dated = [report for report in reports if not report.published_at_estimated]
        pictured = [report for report in dated if stored_image(report) is not None]
        shown = (pictured or dated or reports)[0]
        others = sorted(
            (report for report in reports if report.pk != shown.pk),
            key=lambda report: report.published_at,
            reverse=True,
        )
        groups.append(FrontStory(shown, others, key if kind == "s" else None))
    # A group whose reports are all undated sorts after every dated one.
    return sorted(groups, key=lambda group: group.article.published_at_estimated)


def _newest(group: FrontStory) -> float:
    """When the group's newest dated report was published (a timestamp), for ordering."""
    dated = [r.published_at for r in group.reports if not r.published_at_estimated]
    return max(dated or [group.article.published_at]).timestamp()


def _lead_index(groups: list[FrontStory]) -> int | None:
    """The lead: the most reported of the newest few dated stories, a picture preferred."""
    candidates = [
        (index, group)
        for index, group in enumerate(groups[:8])
        if not group.article.published_at_estimated
    ]
    if not candidates:
        return None
    best = max(
        candidates,
        key=lambda item: (len(item[1].reports) > 1, item[1].has_picture, -item[0]),
    )
    return best[0]


def edit_front() -> EditedFront:
    groups = _group(_recent())
    front = EditedFront()
    if not groups:
        return front
    lead = _lead_index(groups)
    if lead is not None:
        front.lead = groups.pop(lead)
    # Top stories: the newest events several outlets report, then the newest of the rest.
    shared = [group for group in groups if len(group.reports) > 1]
    single = [group for group in groups if len(group.reports) == 1]
    front.top = (shared + single)[:TOP_STORIES]
    front.top.sort(key=lambda group: (group.article.published_at_estimated, -_newest(group)))
    shown = {id(group) for group in front.top}
    rest = [group for group in groups if id(group) not in shown]
    sections: dict[int, tuple[Section, list[FrontStory]]] = {}
    for group in rest:
        section = group.article.section
        if section is None:
            continue
        _section, items = sections.setdefault(section.pk, (section, []))
        if len(items) < PER_SECTION:
            items.append(group)
    front.sections = sorted(sections.values(), key=lambda pair: (pair[0].position, pair[0].name))
    on_page = {
        report.pk
        for group in [front.lead, *front.top, *(g for _s, items in front.sections for g in items)]
        if group is not None
        for report in group.reports
    }
    front.popular = [a for a in most_read(limit=MOST_READ * 3) if a.pk not in on_page][:MOST_READ]
    if not front.popular:
        # Before readers' views are counted: the most widely reported stories not on the page
        # above (older events many outlets covered), labelled as what they are.
        front.popular_is_fallback = True
        leftover = [group for group in rest if not any(r.pk in on_page for r in group.reports)]
        leftover.sort(key=lambda group: len(group.reports), reverse=True)
        front.popular = [group.article for group in leftover[:MOST_READ]]
    return front


def front_page(generation: str = "") -> EditedFront:
    """The edited front, computed once per change of anything public (and each minute); with a
    `generation` (`site.caching.generation`), once per generation, so a write by another host
    is seen as soon as the generation moves."""
    return per_change(f"front-page:{generation}", edit_front)
