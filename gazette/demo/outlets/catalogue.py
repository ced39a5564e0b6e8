"""The three demo outlets, in the order start_outlets() gives them ports."""

from __future__ import annotations

from .content_courier import COURIER
from .content_tagblatt import TAGBLATT
from .content_wirereview import WIREREVIEW
from .model import Outlet

OUTLETS: tuple[Outlet, ...] = (TAGBLATT, COURIER, WIREREVIEW)
