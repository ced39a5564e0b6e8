"""The layers as documented are the layers as enforced, and the code has no import cycle.

datasette's habit (`tests/test_docs.py`): the document is checked against the code, so it
cannot drift. The import-linter contract itself runs in `make lint` (`lint-imports`).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def documented_layers() -> list[set[str]]:
    """The first column of the layer table in docs/architecture.md, highest layer first."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    table = text.split("<!-- layers:", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return [set(re.findall(r"`(\w+)`", row.split("|")[1])) for row in rows]


def contract_layers() -> list[set[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [layers] = [
        contract["layers"]
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "layers"
    ]
    return [{name.strip().removeprefix("gazette.") for name in row.split("|")} for row in layers]


def test_the_document_names_the_layers_of_the_contract_in_its_order():
    assert documented_layers() == contract_layers()


def test_every_installed_app_of_ours_sits_in_a_layer_and_every_app_layer_is_installed():
    ours = {
        app.removeprefix("gazette.").split(".")[0]  # an AppConfig path names its app first
        for app in settings.INSTALLED_APPS
        if "gazette." in app
    }
    layered = set().union(*contract_layers())
    modules = {"lib", "states"}  # plain packages/modules, not Django apps
    assert ours - layered == set(), "an installed app outside every layer"
    # The demo app is installed only when the demo runs (DEMO=true).
    expected = layered - modules - ({"demo"} if not settings.DEMO else set())
    assert expected - ours == set(), "a layer names an app that is not installed"


def test_no_two_modules_import_each_other():
    grimp = pytest.importorskip("grimp")
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("gazette", exclude_type_checking_imports=True)
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    cycles = []
    for module, imported in edges.items():
        for other in imported:
            chain = graph.find_shortest_chain(importer=other, imported=module)
            if chain:
                cycles.append(" -> ".join((module, *chain)))
    assert cycles == []
