"""Text fingerprints for finding copies: an exact hash and a MinHash of word shingles.

MinHash (Broder, 1997) estimates the Jaccard similarity of two shingle sets from fixed-size
signatures. We also keep the shingle count, which turns Jaccard into containment, so a wire
copy with its last paragraph trimmed still matches the full text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)
_rng = np.random.RandomState(seed=20261125)  # fixed: signatures must compare across runs
_A = _rng.randint(1, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)
_B = _rng.randint(0, 2**32 - 1, size=NUM_PERM, dtype=np.uint64)


def normalize_text(text: str) -> str:
    """Lower case, no punctuation or accents' variants, single spaces: what copies share."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"\w+", text))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode()).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = normalize_text(text).split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> bytes:
    """A 128-value signature plus the shingle count, as bytes (516 bytes); b"" for no text."""
    grams = shingles(text)
    if not grams:
        return b""
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little")
            for g in grams
        ),
        dtype=np.uint64,
        count=len(grams),
    )
    permuted = ((np.outer(hashes, _A) + _B) % _MERSENNE) & _MAX32
    signature = permuted.min(axis=0).astype(np.uint32)
    return signature.tobytes() + np.array([len(grams)], dtype=np.uint32).tobytes()


def _split(fingerprint: bytes) -> tuple[np.ndarray, int]:
    values = np.frombuffer(fingerprint, dtype=np.uint32)
    return values[:NUM_PERM], int(values[NUM_PERM])


def similarity(first: bytes, second: bytes) -> tuple[float, float]:
    """(Jaccard, containment of the smaller text in the larger), both estimated."""
    if len(first) != len(second) or not first:
        return 0.0, 0.0
    sig_a, size_a = _split(first)
    sig_b, size_b = _split(second)
    jaccard = float(np.mean(sig_a == sig_b))
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return jaccard, min(shared / min(size_a, size_b), 1.0)
