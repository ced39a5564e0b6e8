"""How long to wait before trying failed work again."""

from datetime import timedelta


def backoff_delay(attempts: int, *, base_seconds: float, max_seconds: float) -> timedelta:
    """Exponential backoff: base, 2×base, 4×base, … capped at max_seconds."""
    exponent = max(attempts - 1, 0)
    return timedelta(seconds=min(base_seconds * (2 ** min(exponent, 30)), max_seconds))
