"""The story page: every published report of one event, from any number of outlets."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from gazette.discovery.models import Story, StoryRedirect
from gazette.discovery.selectors import story_reports, story_shown_title
from gazette.site.caching import public_page

STORY_MAX_AGE = 120


@require_safe
@public_page(max_age=STORY_MAX_AGE)
def story_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    story = Story.objects.filter(pk=pk).first()
    if story is None:  # merged into another story (or emptied by a split): go there, for good
        moved = StoryRedirect.objects.filter(old_id=pk).only("story_id").first()
        if moved is None:
            raise Http404("No such story.")
        return redirect("site:story", pk=moved.story_id, permanent=True)
    reports = list(story_reports(story).select_related("source", "stored_image"))
    if not reports:
        raise Http404("This story has no published reports.")
    outlets = ", ".join(dict.fromkeys(report.source.name for report in reports))
    context = {
        "story": story,
        "title": story_shown_title(story, reports),
        "reports": reports,
        "outlets": outlets,
    }
    return render(request, "site/story.html", context)
