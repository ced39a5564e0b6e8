"""The three demo outlets, read from data/ (loader.py), in the order start_outlets() gives
them ports."""

from __future__ import annotations

from .loader import outlets_load
from .model import Outlet

OUTLETS: tuple[Outlet, ...] = outlets_load(("tagblatt", "courier", "wirereview"))
