"""Online story clustering: each new article joins the nearest story or starts one.

A story is the sum of its members' unit vectors (its centroid, up to length). An article joins
the story whose centroid is nearest if the cosine reaches the join threshold; the story it
joined then absorbs any other story whose centroid has come within the merge threshold, so two
halves of one story that began apart meet once the bridging reports arrive. Only stories seen
within the time window take part, which keeps the work bounded however long the archive is.
The same code clusters a data set in memory and backs `services.article_cluster`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def cosines(vector: np.ndarray, sums: np.ndarray) -> np.ndarray:
    """Cosine of a unit vector with each row of unnormalised story sums."""
    if sums.size == 0:
        return np.zeros(0, dtype=np.float32)
    norms = np.linalg.norm(sums, axis=1)
    norms[norms == 0] = 1.0
    return (sums @ vector) / norms


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
            scores = cosines(vector, sums)
            best = int(np.argmax(scores))
            if scores[best] >= self.join_threshold:
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
