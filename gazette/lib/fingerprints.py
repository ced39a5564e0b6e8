"""Text fingerprints for finding copies: an exact hash and a MinHash of word shingles.

MinHash (Broder, 1997) estimates the Jaccard similarity of two shingle sets from fixed-size
signatures. We also keep the shingle count, which turns Jaccard into containment, so a wire
copy with its last paragraph trimmed still matches the full text.

The signature's bands (locality-sensitive hashing) find the candidates without reading every
signature in the window: two signatures that agree on at least half their values, the least
`dedupe` accepts, share a whole band (see `minhash_bands`).
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
BAND_ROWS = 2
BANDS = NUM_PERM // BAND_ROWS
# One salt per band, so equal values in different bands make different keys.
_BAND_SALTS = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


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


def minhash_bands(fingerprint: bytes) -> list[int]:
    """The signature's 64 bands of 2 values, each as a signed 64-bit key (what the database
    indexes); [] for no text or a signature of another size.

    Two signatures with at least 64 of their 128 values equal (estimated Jaccard ≥ 0.5) share
    a band: with 65 or more by pigeonhole, with exactly 64 unless each band holds one of them,
    a chance of 2**64 / C(128, 64), below 1e-18.
    """
    if len(fingerprint) != 4 * (NUM_PERM + 1):
        return []
    pairs = (
        np.frombuffer(fingerprint, dtype=np.uint32)[:NUM_PERM]
        .astype(np.uint64)
        .reshape(BANDS, BAND_ROWS)
    )
    keys = ((pairs[:, 0] << np.uint64(32)) | pairs[:, 1]) ^ _BAND_SALTS
    return list(dict.fromkeys(keys.view(np.int64).tolist()))


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
