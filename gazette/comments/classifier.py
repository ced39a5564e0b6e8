"""The local spam classifier: logistic regression on hashed character and word n-grams.

Pure numpy at run time. The shipped weights (`spam_model.json`, float16, about 100 kB) are
trained by `make train-comments` (`manage.py train_comment_model`, scikit-learn at training
time only) from the text of labelled comments: never their ids, authors or dates. The
moderators' approve/spam decisions move the weights further (`SpamModel.learn`, one
gradient step per decision), kept in the database (`models.SpamModelState`).
"""

from __future__ import annotations

import base64
import html
import json
import math
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BUCKETS = 1 << 14
SHIPPED_PATH = Path(__file__).resolve().parent / "spam_model.json"

_TAG = re.compile(r"<[^>]*>")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|net|org|info|ru|ly|me|io|co)\b", re.I)


def normalise(text: str) -> str:
    """What the classifier reads: tags dropped, entities decoded, invisible characters removed,
    compatibility forms folded (NFKC), lower case, one space between words."""
    text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    return " ".join(text.split())


def link_count(text: str) -> int:
    return len(_LINK.findall(text))


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) & (BUCKETS - 1)


def hashed_counts(text: str) -> Counter[int]:
    """Character 2–5-grams inside each word (padded with spaces, as scikit-learn's `char_wb`),
    word unigrams and bigrams, and a link-count feature, hashed into BUCKETS."""
    clean = normalise(text)
    counts: Counter[int] = Counter()
    for word in clean.split():
        padded = f" {word} "
        for size in range(2, 6):
            for start in range(max(len(padded) - size + 1, 1)):
                counts[_bucket("c" + padded[start : start + size])] += 1
    words = _WORD.findall(clean)
    for index, word in enumerate(words):
        counts[_bucket("w" + word)] += 1
        if index:
            counts[_bucket(f"b{words[index - 1]} {word}")] += 1
    links = link_count(text)
    if links:
        counts[_bucket(f"links:{min(links, 3)}")] += 1
    return counts


def vector(counts: Counter[int], idf: np.ndarray) -> np.ndarray:
    """Sublinear tf × idf, L2-normalised (as scikit-learn's TfidfTransformer)."""
    row = np.zeros(BUCKETS, dtype=np.float64)
    for index, count in counts.items():
        row[index] = (1.0 + math.log(count)) * idf[index]
    norm = float(np.linalg.norm(row))
    return row / norm if norm else row


def _pack(values: np.ndarray) -> str:
    return base64.b64encode(values.astype("<f2").tobytes()).decode("ascii")


def _unpack(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float64)


@dataclass
class SpamModel:
    weights: np.ndarray
    bias: float
    idf: np.ndarray
    hold_at: float  # a probability of spam from which a comment is held
    reject_at: float  # … and from which it is refused as spam
    trained_on: str = ""
    learned: int = 0  # moderators' decisions learnt since the shipped weights

    def probability(self, text: str) -> float:
        score = float(self.weights @ vector(hashed_counts(text), self.idf)) + self.bias
        return 1.0 / (1.0 + math.exp(-max(min(score, 40.0), -40.0)))

    def learn(self, text: str, *, spam: bool, rate: float = 0.5) -> None:
        """One gradient step of the logistic loss towards the moderator's decision."""
        row = vector(hashed_counts(text), self.idf)
        error = (1.0 if spam else 0.0) - self.probability(text)
        self.weights = self.weights + rate * error * row
        self.bias += rate * error * 0.1
        self.learned += 1

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": "gazette-spam-lr-1",
                "buckets": BUCKETS,
                "trained_on": self.trained_on,
                "learned": self.learned,
                "hold_at": self.hold_at,
                "reject_at": self.reject_at,
                "bias": self.bias,
                "weights": _pack(self.weights),
                "idf": _pack(self.idf),
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> SpamModel:
        data = json.loads(text)
        if data.get("format") != "gazette-spam-lr-1" or data.get("buckets") != BUCKETS:
            raise ValueError("not a Gazette spam model of this version; run make train-comments")
        return cls(
            weights=_unpack(data["weights"]),
            bias=float(data["bias"]),
            idf=_unpack(data["idf"]),
            hold_at=float(data["hold_at"]),
            reject_at=float(data["reject_at"]),
            trained_on=str(data.get("trained_on", "")),
            learned=int(data.get("learned", 0)),
        )


def shipped_model() -> SpamModel:
    return SpamModel.from_json(SHIPPED_PATH.read_text(encoding="utf-8"))


def feature_matrix(texts: list[str]) -> tuple[object, np.ndarray]:
    """The sparse count matrix of `texts` and their smoothed idf (scikit-learn's formula)."""
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    for number, text in enumerate(texts):
        for index, count in hashed_counts(text).items():
            rows.append(number)
            cols.append(index)
            values.append(count)
    counts = csr_matrix((values, (rows, cols)), shape=(len(texts), BUCKETS), dtype=np.float64)
    document_frequency = np.bincount(counts.indices, minlength=BUCKETS)
    idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
    return counts, idf


def tfidf(counts: object, idf: np.ndarray) -> object:
    from sklearn.preprocessing import normalize

    matrix = counts.copy()  # type: ignore[attr-defined]
    matrix.data = 1.0 + np.log(matrix.data)
    matrix = matrix.multiply(idf).tocsr()
    return normalize(matrix)


def fit(
    texts: list[str], spam: list[bool], *, c: float, hold_at: float, reject_at: float, name: str
) -> SpamModel:
    """Train on `texts` (scikit-learn; training time only)."""
    from sklearn.linear_model import LogisticRegression

    counts, idf = feature_matrix(texts)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(tfidf(counts, idf), np.array(spam, dtype=int))
    # Stored as float16: round-trip now, so the thresholds are chosen on the weights shipped.
    return SpamModel(
        weights=model.coef_[0].astype("<f2").astype(np.float64),
        bias=float(model.intercept_[0]),
        idf=idf.astype("<f2").astype(np.float64),
        hold_at=hold_at,
        reject_at=reject_at,
        trained_on=name,
    )
