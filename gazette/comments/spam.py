"""The spam defence's decision on a comment: publish, hold (with every reason) or reject.

The checks need no third party: the link limit, blocked terms, the local classifier, and
the section's moderation policy; an Akismet-compatible service is asked only when
AKISMET_URL is set. Honeypot, timing and rate limits are checked before this, on the form.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

from gazette.comments import classifier
from gazette.comments.classifier import SpamModel
from gazette.comments.models import Moderation, SpamModelState

logger = logging.getLogger(__name__)

PUBLISH, HOLD, REJECT = "publish", "hold", "reject"


@dataclass
class Verdict:
    decision: str
    probability: float
    reasons: list[str] = field(default_factory=list)


@lru_cache(maxsize=2)
def _model_at(version: int) -> SpamModel:
    if version == 0:
        return classifier.shipped_model()
    row = SpamModelState.objects.get()
    return SpamModel.from_json(row.model_json)


def current_model() -> SpamModel:
    """The shipped weights, or the moderators' version of them once they have decided."""
    version = SpamModelState.objects.values_list("version", flat=True).first() or 0
    return _model_at(version)


def blocked_terms_in(text: str, terms: list[str]) -> list[str]:
    folded = classifier.normalise(text)
    return [term for term in terms if term.strip() and term.casefold() in folded]


def judge(
    *,
    text: str,
    name: str = "",
    website: str = "",
    moderation: str,
    first_timer: bool,
    section_name: str = "",
    model: SpamModel | None = None,
    akismet: dict[str, str] | None = None,
) -> Verdict:
    """What happens to a comment, and why. Reads nothing from the request or the data set
    beyond the text, name and website."""
    model = model or current_model()
    probability = model.probability(f"{name}\n{website}\n{text}" if website else text)
    reasons: list[str] = []
    if probability >= model.reject_at:
        return Verdict(
            REJECT,
            probability,
            [f"the spam filter is sure ({probability:.2f} ≥ {model.reject_at:.2f})"],
        )
    links = classifier.link_count(text)
    if links > settings.COMMENTS_MAX_LINKS:
        reasons.append(f"{links} links (more than {settings.COMMENTS_MAX_LINKS})")
    if blocked := blocked_terms_in(f"{name} {website} {text}", settings.COMMENTS_BLOCKED_TERMS):
        reasons.append("blocked terms: " + ", ".join(blocked))
    # A commenter with published comments has been vouched for: the filter holds them only
    # when it is surer (halfway to rejecting), so their longer arguments wait less.
    hold_at = model.hold_at if first_timer else (model.hold_at + model.reject_at) / 2
    if probability >= hold_at:
        reasons.append(f"the spam filter's score {probability:.2f} (holds from {hold_at:.2f})")
    if akismet is not None and settings.AKISMET_URL:
        from gazette.comments.akismet import akismet_check

        answer = akismet_check(akismet)
        if answer:
            reasons.append(answer)
    where = f"section {section_name}" if section_name else "this site"
    if moderation == Moderation.ALL:
        reasons.append(f"{where} pre-moderates every comment")
    elif moderation == Moderation.FIRST_TIMERS and first_timer:
        reasons.append(f"first comment from this address ({where} pre-moderates first-timers)")
    return Verdict(HOLD if reasons else PUBLISH, probability, reasons)
