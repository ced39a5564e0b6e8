"""Online story clustering: each new article joins the best story or starts one.

A story is the sum of its members' unit vectors (its centroid, up to length). An article joins
a story whose centroid's cosine reaches the join threshold; when several do, the one that
scores best on that cosine times the story's freshness, which fades with the time since its
latest report (by e every third of the window). A report so goes to the story that is running
rather than to a quiet one it shares a few more words with; how close an article must be to
join a story at all does not change with time, so a slow story is never cut off early. The
story it joined then absorbs any other story whose centroid has come within the merge
threshold, so two halves of one story that began apart meet once the bridging reports arrive.
Only stories seen within the time window take part, which keeps the work bounded however long
the archive is. The same code clusters a data set in memory and backs `services.article_cluster`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Among the stories an article is close enough to, a story's cosine counts less by e every
# window / FADE_PER_WINDOW since its latest report (a day per e-fold in a 72-hour window).
FADE_PER_WINDOW = 3.0


def cosines(vector: np.ndarray, sums: np.ndarray) -> np.ndarray:
    """Cosine of a unit vector with each row of unnormalised story sums."""
    if sums.size == 0:
        return np.zeros(0, dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1)
    norms[norms == 0] = 1.0
    return (sums @ vector) / norms


def story_to_join(
    vector: np.ndarray,
    sums: np.ndarray,
    gaps: np.ndarray,
    *,
    window_seconds: float,
    threshold: float,
) -> int | None:
    """The row of the story a unit vector joins, or None: among the stories whose centroid
    (rows of unnormalised sums) has a cosine of at least `threshold`, the best by cosine times
    freshness; `gaps` are the seconds from each story's latest report to the article (an
    article older than a story's latest report finds it fresh). The online clusterer and
    `services.article_cluster` both decide with this."""
    if sums.size == 0:
        return None
    similar = cosines(vector, sums)
    freshness = np.exp(
        -FADE_PER_WINDOW * np.maximum(np.asarray(gaps, dtype=np.float64), 0.0) / window_seconds
    )
    scores = np.where(similar >= threshold, similar * freshness, -np.inf)
    best = int(np.argmax(scores))
    return best if similar[best] >= threshold else None


@dataclass
class OnlineClusterer:
    """In-memory clustering of items given in time order (what `cluster_dataset` runs)."""

    join_threshold: float
    merge_threshold: float
    window_seconds: float
    sums: list[np.ndarray] = field(default_factory=list)
    last_seen: list[float] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)

    def find(self, label: int) -> int:
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = self.parent[label]
        return label

    def _active(self, timestamp: float) -> list[int]:
        return [
            k
            for k in range(len(self.sums))
            if self.parent[k] == k and timestamp - self.last_seen[k] <= self.window_seconds
        ]

    def add(self, vector: np.ndarray, timestamp: float) -> int:
        active = self._active(timestamp)
        if active:
            sums = np.stack([self.sums[k] for k in active])
            gaps = np.array([timestamp - self.last_seen[k] for k in active])
            best = story_to_join(
                vector,
                sums,
                gaps,
                window_seconds=self.window_seconds,
                threshold=self.join_threshold,
            )
            if best is not None:
                label = active[best]
                self.sums[label] = self.sums[label] + vector
                self.last_seen[label] = max(self.last_seen[label], timestamp)
                self._merge_into(label, active)
                return label
        self.sums.append(vector.astype(np.float64))
        self.last_seen.append(timestamp)
        self.parent.append(len(self.parent))
        return len(self.sums) - 1

    def _merge_into(self, label: int, active: list[int]) -> None:
        while True:
            others = [k for k in active if k != label and self.parent[k] == k]
            if not others:
                return
            mine = self.sums[label] / (np.linalg.norm(self.sums[label]) or 1.0)
            scores = cosines(mine, np.stack([self.sums[k] for k in others]))
            best = int(np.argmax(scores))
            if scores[best] < self.merge_threshold:
                return
            other = others[best]
            self.sums[label] = self.sums[label] + self.sums[other]
            self.last_seen[label] = max(self.last_seen[label], self.last_seen[other])
            self.parent[other] = label

    def labels(self, assigned: list[int]) -> list[int]:
        """Final labels for the labels `add` returned, after later merges."""
        return [self.find(label) for label in assigned]
