"""Installing Argos Translate packages: by name from a package index served on loopback in the
index's own format, or from a file; checked, unpacked safely, and used by the local engine.

The package is built here from the tiny Marian model committed as a fixture (it knows only a
few sentences: scripts/train_tiny_marian.py).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import stat
import threading
import zipfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gazette.translation.engines.base import LanguagePair
from gazette.translation.engines.local import ArgosEngine
from gazette.translation.packages import (
    PackageError,
    index_find,
    install_argos_file,
    install_from_index,
    installed_models,
    parse_index,
)

FIXTURES = Path(__file__).parent / "fixtures"
DE_EN = LanguagePair("de", "en")


def build_package(path: Path, *, version: str = "1.0", root: str = "translate-de_en-1_0") -> Path:
    """An .argosmodel as Argos packages them: one folder, metadata, model/, sentencepiece."""
    metadata = {
        "package_version": version,
        "argos_version": "1.0",
        "from_code": "de",
        "from_name": "German",
        "to_code": "en",
        "to_name": "English",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{root}/metadata.json", json.dumps(metadata))
        archive.writestr(f"{root}/README.md", "# German - English (test model)\n")
        for name in ("model.bin", "config.json", "shared_vocabulary.json"):
            archive.write(FIXTURES / "de-en" / name, f"{root}/model/{name}")
        archive.write(FIXTURES / "de-en" / "source.spm", f"{root}/sentencepiece.model")
    return path


class FakeIndex:
    """An Argos package index and its download server, on loopback."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: list[dict[str, object]] = []
        self.requests: list[str] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.requests.append(self.path)
                if self.path == "/index.json":
                    body = json.dumps(fake.entries).encode()
                else:
                    file = fake.folder / self.path.lstrip("/")
                    if not file.is_file():
                        self.send_error(404)
                        return
                    body = file.read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def offer(self, package: Path, **extra: object) -> None:
        self.entries.append(
            {
                "package_version": "1.0",
                "argos_version": "1.0",
                "from_code": "de",
                "from_name": "German",
                "to_code": "en",
                "to_name": "English",
                "type": "translate",
                "links": [f"{self.url}/{package.name}"],
                **extra,
            }
        )

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def models(settings, tmp_path: Path) -> Path:
    settings.TRANSLATION_MODEL_DIR = tmp_path / "models"
    settings.TRANSLATION_PACKAGE_MAX_BYTES = 50_000_000
    return tmp_path / "models"


@pytest.fixture
def index(settings, tmp_path: Path) -> Iterator[FakeIndex]:
    served = tmp_path / "served"
    served.mkdir()
    fake = FakeIndex(served)
    settings.TRANSLATION_PACKAGE_INDEX_URL = f"{fake.url}/index.json"
    yield fake
    fake.close()


def test_it_installs_a_package_by_name_from_the_index_with_progress(models, index):
    package = build_package(index.folder / "translate-de_en-1_0.argosmodel")
    index.offer(package, sha256=hashlib.sha256(package.read_bytes()).hexdigest())
    out = StringIO()
    call_command("install_translation_model", "translate-de_en", stdout=out)
    printed = out.getvalue()
    assert "reading the package index" in printed
    assert "downloading:" in printed and "(100 %)" in printed
    assert "installed de-en for the argos engine" in printed
    assert index.requests == ["/index.json", "/translate-de_en-1_0.argosmodel"]
    assert ArgosEngine().translate(["Die Donau steigt."], pair=DE_EN, glossary={}) == [
        "The Danube is rising."
    ]
    (model,) = installed_models()
    assert (model.engine, model.pair, model.version) == ("argos", "de-en", "1.0")
    assert model.origin == f"{index.url}/translate-de_en-1_0.argosmodel"
    assert not list(models.glob(".download-*")) and not list(models.glob(".incoming-*"))


def test_it_lists_what_the_index_offers(index, tmp_path):
    package = build_package(index.folder / "translate-de_en-1_0.argosmodel")
    index.offer(package, size=package.stat().st_size)
    out = StringIO()
    call_command("install_translation_model", "--list", stdout=out)
    assert out.getvalue().startswith("translate-de_en        1.0      German → English (")


def test_the_newest_version_wins_unless_one_is_named(index, tmp_path):
    old = build_package(index.folder / "old.argosmodel", version="1.0")
    new = build_package(index.folder / "new.argosmodel", version="1.9")
    index.offer(old, package_version="1.0")
    index.offer(new, package_version="1.9")
    index.entries.append({"type": "sbd", "from_code": "de", "links": ["x"]})  # not a translation
    packages = parse_index(index.entries)
    assert len(packages) == 2
    assert index_find(packages, "de-en").version == "1.9"
    assert index_find(packages, "translate-de_en-1_0").version == "1.0"
    with pytest.raises(PackageError, match="no package 'translate-fr_en'.*translate-de_en"):
        index_find(packages, "translate-fr_en")
    with pytest.raises(PackageError, match="not a package name"):
        index_find(packages, "../../etc")


def test_a_checksum_or_size_that_does_not_match_the_index_is_refused(models, index):
    package = build_package(index.folder / "translate-de_en-1_0.argosmodel")
    index.offer(package, sha256="0" * 64)
    with pytest.raises(PackageError, match="SHA-256 checksum does not match"):
        install_from_index("translate-de_en")
    index.entries.clear()
    index.offer(package, size=package.stat().st_size + 1)
    with pytest.raises(PackageError, match="the index says"):
        install_from_index("translate-de_en")
    assert installed_models() == []


def test_a_package_over_the_size_limit_is_not_downloaded(models, index, settings):
    package = build_package(index.folder / "translate-de_en-1_0.argosmodel")
    index.offer(package)
    settings.TRANSLATION_PACKAGE_MAX_BYTES = 1000
    with pytest.raises(PackageError, match="over the 1,000-byte limit"):
        install_from_index("de-en")


def test_an_unreachable_index_says_what_to_check(models, settings):
    settings.TRANSLATION_PACKAGE_INDEX_URL = "http://127.0.0.1:9/index.json"
    with pytest.raises(CommandError, match="cannot read the package index.*INDEX_URL"):
        call_command("install_translation_model", "translate-de_en", stdout=StringIO())


def test_it_installs_from_a_file_and_replaces_an_older_install(models, tmp_path):
    first = install_argos_file(build_package(tmp_path / "a.argosmodel", version="1.0"))
    second = install_argos_file(build_package(tmp_path / "b.argosmodel", version="1.1"))
    assert first.folder == second.folder == models / "argos" / "de-en"
    assert [m.version for m in installed_models()] == ["1.1"]
    out = StringIO()
    call_command("install_translation_model", "--file", str(tmp_path / "a.argosmodel"), stdout=out)
    assert "installed de-en" in out.getvalue()


@pytest.mark.parametrize(
    "member",
    ["../evil.txt", "/etc/evil.txt", "pkg/../../evil.txt", "C:/evil.txt"],
)
def test_a_package_with_a_path_outside_it_is_refused(models, tmp_path, member):
    package = build_package(tmp_path / "bad.argosmodel")
    with zipfile.ZipFile(package, "a") as archive:
        archive.writestr(member, "gotcha")
    with pytest.raises(PackageError, match="unsafe path"):
        install_argos_file(package)
    assert not (tmp_path / "evil.txt").exists() and installed_models() == []


def test_a_package_with_a_symbolic_link_is_refused(models, tmp_path):
    package = build_package(tmp_path / "link.argosmodel")
    with zipfile.ZipFile(package, "a") as archive:
        info = zipfile.ZipInfo("translate-de_en-1_0/model/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(PackageError, match="symbolic link"):
        install_argos_file(package)


def test_a_package_that_unpacks_too_big_is_refused(models, tmp_path, settings):
    package = build_package(tmp_path / "bomb.argosmodel")
    with zipfile.ZipFile(package, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("translate-de_en-1_0/padding", b"\0" * 3_000_000)
    settings.TRANSLATION_PACKAGE_MAX_BYTES = 2_000_000
    with pytest.raises(PackageError, match="unpacks to more than"):
        install_argos_file(package)


def test_a_package_the_engine_cannot_read_is_refused_with_the_reason(models, tmp_path):
    package = tmp_path / "bpe.argosmodel"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("p/metadata.json", '{"from_code": "de", "to_code": "en"}')
        archive.write(FIXTURES / "de-en" / "model.bin", "p/model/model.bin")
        archive.writestr("p/bpe.model", "#version: 0.2\n")
    with pytest.raises(PackageError, match="no sentencepiece.model.*older version"):
        install_argos_file(package)
    (tmp_path / "not-a-zip.argosmodel").write_text("hello")
    with pytest.raises(PackageError, match="not an Argos package"):
        install_argos_file(tmp_path / "not-a-zip.argosmodel")


def test_a_ctranslate2_model_folder_is_installed_with_its_pair(models):
    from gazette.translation.engines.local import CTranslate2Engine

    out = StringIO()
    call_command(
        "install_translation_model", str(FIXTURES / "de-en"), "--pair", "de-en", stdout=out
    )
    assert "installed de-en for the ctranslate2 engine" in out.getvalue()
    assert CTranslate2Engine().problem(DE_EN) == ""
    assert [(m.engine, m.pair) for m in installed_models()] == [("ctranslate2", "de-en")]
    with pytest.raises(CommandError, match="needs --pair"):
        call_command("install_translation_model", str(FIXTURES / "de-en"), stdout=StringIO())
