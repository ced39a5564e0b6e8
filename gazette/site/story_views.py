"""The story page: every published report of one event, from any number of outlets."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from gazette.articles.models import Article
from gazette.discovery.models import Story, StoryRedirect
from gazette.discovery.selectors import story_reports
from gazette.site.caching import public_page

STORY_MAX_AGE = 120


def shown_title(story: Story, reports: list[Article]) -> str:
    """The story's title, unless it is the headline of an article that is not public (the
    report that started the story, withdrawn since): then the first public report's headline.
    A title an editor wrote is no article's headline, and is kept."""
    if any(report.title == story.title for report in reports):
        return story.title
    if Article.objects.filter(title=story.title).exists():
        return reports[0].title
    return story.title


@require_safe
@public_page(max_age=STORY_MAX_AGE)
def story_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    story = Story.objects.filter(pk=pk).first()
    if story is None:  # merged into another story (or emptied by a split): go there, for good
        moved = StoryRedirect.objects.filter(old_id=pk).only("story_id").first()
        if moved is None:
            raise Http404("No such story.")
        return redirect("site:story", pk=moved.story_id, permanent=True)
    reports = list(story_reports(story).select_related("source"))
    if not reports:
        raise Http404("This story has no published reports.")
    context = {"story": story, "title": shown_title(story, reports), "reports": reports}
    return render(request, "site/story.html", context)
