"""Three fictional news outlets served over HTTP on loopback: demo content and test fixtures.

Pure Python (no Django): Gazette polls their feeds and sitemaps, fetches their article pages
and must strip the clutter around each article body.
"""

from __future__ import annotations

from .catalogue import OUTLETS
from .model import Outlet, OutletArticle
from .server import OutletServer, start_outlets

__all__ = ["OUTLETS", "Outlet", "OutletArticle", "OutletServer", "start_outlets"]
