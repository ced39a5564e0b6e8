"""Every environment variable the settings read is documented, with its default."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def variables_read_by_code() -> set[str]:
    names: set[str] = set()
    for path in [ROOT / "gazette" / "settings.py", *ROOT.glob("gazette/**/services.py")]:
        text = path.read_text()
        names |= set(re.findall(r'env(?:str|bool|int|list)\("([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', text))
    return names


def test_it_lists_every_variable_in_env_example():
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert variables_read_by_code() - listed == set()


def test_it_documents_every_variable():
    documented = set(
        re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "docs/configuration.md").read_text(), re.M)
    )
    assert variables_read_by_code() - documented == set()
    assert len(variables_read_by_code()) > 20
