"""Local translation models: installing an Argos Translate package by name from the package
index or from a file, and listing what is installed for the local engines.

An Argos package (`.argosmodel`) is a zip holding one folder with `metadata.json`
(`from_code`, `to_code`, `package_version`, …), `model/` (a CTranslate2 model) and
`sentencepiece.model`. It is unpacked, checked and moved into place in one rename, to
`TRANSLATION_MODEL_DIR/argos/<from>-<to>/`, where the `argos` engine finds it. The index
(TRANSLATION_PACKAGE_INDEX_URL) is a JSON list of such packages with their download `links`.
Downloads go through the one HTTP client (gazette.lib.fetch).
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from gazette.lib.fetch import Fetcher, FetchError, FetchPolicy

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
MAX_FILES = 5000  # members of one package; a real one has a few dozen
DOWNLOAD_DEADLINE = 3600.0  # seconds for one package, all told
INSTALLED_RECORD = "installed.json"  # what was installed, from where, when

# Progress of an install: (stage, bytes so far, total bytes or None).
Progress = Callable[[str, int, int | None], None]


class PackageError(Exception):
    """A package that cannot be installed; `str()` says why and what to do."""


@dataclass(frozen=True)
class IndexPackage:
    """One package of the index, as the index describes it."""

    name: str  # argospm's name: translate-de_en
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    links: tuple[str, ...]
    size: int | None
    sha256: str

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"


@dataclass(frozen=True)
class InstalledModel:
    """A model the local engines can use."""

    engine: str  # "argos" or "ctranslate2"
    pair: str
    folder: Path
    version: str
    origin: str
    installed_at: str


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _checksum(entry: dict[str, Any]) -> str:
    for key in ("sha256", "checksum", "hash"):
        value = str(entry.get(key) or "").strip().lower()
        if value.startswith("sha256:"):
            value = value[len("sha256:") :]
        if re.fullmatch(r"[0-9a-f]{64}", value):
            return value
    return ""


def _size(entry: dict[str, Any]) -> int | None:
    for key in ("size", "filesize", "file_size"):
        value = entry.get(key)
        if isinstance(value, int) and value > 0:
            return value
    return None


def parse_index(data: object) -> list[IndexPackage]:
    """The translation packages of an Argos index (other kinds and broken entries skipped)."""
    if not isinstance(data, list):
        raise PackageError("the package index is not a JSON list of packages")
    packages: list[IndexPackage] = []
    for entry in data:
        if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
            continue
        source, target = str(entry.get("from_code", "")), str(entry.get("to_code", ""))
        links = tuple(str(link) for link in entry.get("links") or () if isinstance(link, str))
        if not (LANGUAGE_CODE.match(source) and LANGUAGE_CODE.match(target) and links):
            continue
        packages.append(
            IndexPackage(
                name=f"translate-{source}_{target}",
                from_code=source,
                to_code=target,
                from_name=str(entry.get("from_name", source)),
                to_name=str(entry.get("to_name", target)),
                version=str(entry.get("package_version", "")),
                links=links,
                size=_size(entry),
                sha256=_checksum(entry),
            )
        )
    return packages


def _is_private(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:
        return False


def _policy(url: str, *, max_bytes: int, deadline: float) -> FetchPolicy:
    # An index on the operator's own network (a mirror, or the tests' fake index) is allowed,
    # and so are the links it gives; the public index is fetched as any public address.
    return FetchPolicy(
        user_agent=settings.FETCH_USER_AGENT,
        timeout=60.0,
        max_bytes=max_bytes,
        allow_private=_is_private(url),
        obey_robots=False,
        deadline=deadline,
    )


def index_read(url: str | None = None) -> list[IndexPackage]:
    """The packages of the index at `url` (default TRANSLATION_PACKAGE_INDEX_URL)."""
    url = url or settings.TRANSLATION_PACKAGE_INDEX_URL
    try:
        with Fetcher(_policy(url, max_bytes=20_000_000, deadline=60.0)) as fetcher:
            result = fetcher.get(url, accept="application/json", check_robots=False)
    except FetchError as exc:
        raise PackageError(
            f"cannot read the package index: {exc} (TRANSLATION_PACKAGE_INDEX_URL)"
        ) from exc
    try:
        data = json.loads(result.body)
    except ValueError as exc:
        raise PackageError(f"the package index at {url} is not JSON") from exc
    return parse_index(data)


def _wanted(name: str) -> tuple[str, str, str]:
    """(from, to, version or "") of a name: translate-de_en, translate-de_en-1_9, de-en, de_en."""
    match = re.fullmatch(
        r"(?:translate-)?([a-z]{2,3})[-_]([a-z]{2,3})(?:-(\d+(?:[._]\d+)*))?", name.strip().lower()
    )
    if not match:
        raise PackageError(
            f"{name!r} is not a package name: write e.g. translate-de_en (or de-en), "
            "optionally with a version, translate-de_en-1_9"
        )
    return match.group(1), match.group(2), (match.group(3) or "").replace("_", ".")


def index_find(packages: list[IndexPackage], name: str) -> IndexPackage:
    """The package `name` names: the newest version unless one is given."""
    source, target, version = _wanted(name)
    found = [p for p in packages if p.from_code == source and p.to_code == target]
    if version:
        found = [p for p in found if _version_key(p.version) == _version_key(version)]
    if not found:
        pairs = ", ".join(sorted({p.name for p in packages})[:40])
        raise PackageError(
            f"the index has no package {name!r}" + (f"; it offers {pairs}" if pairs else "")
        )
    return max(found, key=lambda p: _version_key(p.version))


def _model_dir() -> Path:
    return Path(settings.TRANSLATION_MODEL_DIR)


class _HashingWriter:
    """A file that hashes what is written to it."""

    def __init__(self, handle: BinaryIO, digest: Any) -> None:
        self.handle, self.digest = handle, digest

    def write(self, chunk: bytes) -> int:
        self.digest.update(chunk)
        return self.handle.write(chunk)


def package_download(
    package: IndexPackage, folder: Path, *, progress: Progress | None = None
) -> tuple[Path, str]:
    """Download `package` into `folder`, checking the size and checksum the index gives;
    returns the file and the link it came from."""
    limit = settings.TRANSLATION_PACKAGE_MAX_BYTES
    if package.size is not None and package.size > limit:
        raise PackageError(
            f"{package.name} weighs {package.size:,} bytes, over TRANSLATION_PACKAGE_MAX_BYTES "
            f"({limit:,})"
        )
    path = folder / f"{package.name}.argosmodel"
    errors: list[str] = []
    for link in package.links:
        digest = hashlib.sha256()

        def report(done: int, total: int | None) -> None:
            if progress is not None:
                progress("download", done, total or package.size)

        try:
            with (
                Fetcher(_policy(link, max_bytes=limit, deadline=DOWNLOAD_DEADLINE)) as fetcher,
                path.open("wb") as handle,
            ):
                fetcher.download(link, _HashingWriter(handle, digest), progress=report)  # type: ignore[arg-type]
        except FetchError as exc:
            errors.append(str(exc))
            continue
        size = path.stat().st_size
        if package.size is not None and size != package.size:
            errors.append(f"{link} sent {size:,} bytes, the index says {package.size:,}")
            continue
        if package.sha256 and digest.hexdigest() != package.sha256:
            errors.append(f"{link}: the SHA-256 checksum does not match the index's")
            continue
        return path, link
    raise PackageError(f"could not download {package.name}: " + "; ".join(errors))


def _safe_members(archive: zipfile.ZipFile, limit: int) -> list[zipfile.ZipInfo]:
    """The archive's members, refusing paths outside it, links, and too many or too big."""
    members = archive.infolist()
    if len(members) > MAX_FILES:
        raise PackageError(f"the package has {len(members):,} files; at most {MAX_FILES:,}")
    total = 0
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in member.filename:
            raise PackageError(f"the package holds an unsafe path: {member.filename!r}")
        mode = member.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise PackageError(f"the package holds a symbolic link: {member.filename!r}")
        total += member.file_size
        if total > limit:
            raise PackageError(
                f"the package unpacks to more than {limit:,} bytes (TRANSLATION_PACKAGE_MAX_BYTES)"
            )
    return members


def _unpack(archive_path: Path, into: Path, limit: int) -> None:
    """Extract member by member, counting the bytes really written (not the headers' word)."""
    written = 0
    with zipfile.ZipFile(archive_path) as archive:
        for member in _safe_members(archive, limit):
            target = into.joinpath(*PurePosixPath(member.filename.replace("\\", "/")).parts)
            if not target.resolve().is_relative_to(into.resolve()):
                raise PackageError(f"the package holds an unsafe path: {member.filename!r}")
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, target.open("wb") as handle:
                for chunk in iter(lambda: source.read(1 << 20), b""):
                    written += len(chunk)
                    if written > limit:
                        raise PackageError(
                            f"the package unpacks to more than {limit:,} bytes "
                            "(TRANSLATION_PACKAGE_MAX_BYTES)"
                        )
                    handle.write(chunk)


def _package_root(folder: Path) -> Path:
    if (folder / "metadata.json").exists():
        return folder
    entries = [p for p in folder.iterdir() if p.is_dir()]
    if len(entries) == 1 and (entries[0] / "metadata.json").exists():
        return entries[0]
    raise PackageError("not an Argos Translate package: no metadata.json in it")


def _read_metadata(root: Path) -> dict[str, Any]:
    try:
        metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageError(f"the package's metadata.json cannot be read ({exc})") from exc
    if not isinstance(metadata, dict):
        raise PackageError("the package's metadata.json is not an object")
    source, target = str(metadata.get("from_code", "")), str(metadata.get("to_code", ""))
    if not (LANGUAGE_CODE.match(source) and LANGUAGE_CODE.match(target)):
        raise PackageError("the package's metadata.json names no from_code and to_code")
    if not (root / "model" / "model.bin").exists():
        raise PackageError("the package has no model/model.bin (a CTranslate2 model)")
    if not (root / "sentencepiece.model").exists():
        raise PackageError(
            "the package has no sentencepiece.model: newer Argos packages tokenise with BPE, "
            "which the local engine does not read; install an older version of the package "
            "(e.g. translate-de_en-1_0) or a CTranslate2 OPUS-MT model with --pair"
        )
    return metadata


def _move_into_place(folder: Path, target: Path) -> None:
    """Replace `target` by `folder` with renames, so the engine never sees half a model."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    folder.rename(target)
    if old.exists():
        shutil.rmtree(old)


def _forget_loaded_models() -> None:
    from gazette.translation.engines.local import _load

    _load.cache_clear()  # this process translates with the new model from now on


def install_argos_file(
    path: Path, *, origin: str = "", progress: Progress | None = None
) -> InstalledModel:
    """Install the Argos package (.argosmodel zip) at `path` for the `argos` engine."""
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path.name} is not an Argos package (.argosmodel, a zip file)")
    base = _model_dir()
    base.mkdir(parents=True, exist_ok=True)
    limit = settings.TRANSLATION_PACKAGE_MAX_BYTES
    # Unpacked beside its destination, so moving it into place is a rename.
    with tempfile.TemporaryDirectory(dir=base, prefix=".incoming-") as tmp:
        if progress is not None:
            progress("unpack", 0, None)
        _unpack(path, Path(tmp), limit)
        root = _package_root(Path(tmp))
        metadata = _read_metadata(root)
        pair = f"{metadata['from_code']}-{metadata['to_code']}"
        record = {
            "name": f"translate-{metadata['from_code']}_{metadata['to_code']}",
            "version": str(metadata.get("package_version", "")),
            "origin": origin or path.name,
            "installed_at": timezone.now().isoformat(timespec="seconds"),
        }
        (root / INSTALLED_RECORD).write_text(json.dumps(record, indent=2), encoding="utf-8")
        target = base / "argos" / pair
        _move_into_place(root, target)
    _forget_loaded_models()
    if progress is not None:
        progress("installed", 1, 1)
    return _installed(target, "argos", pair)


def install_ctranslate2_folder(folder: Path, *, pair: str) -> InstalledModel:
    """Install a CTranslate2 OPUS-MT model folder (model.bin, source.spm, target.spm)."""
    if not re.fullmatch(r"[a-z]{2,3}-[a-z]{2,3}", pair):
        raise PackageError("a CTranslate2 model needs --pair, e.g. --pair de-en")
    missing = [n for n in ("model.bin", "source.spm", "target.spm") if not (folder / n).exists()]
    if missing:
        raise PackageError(f"the model folder lacks {', '.join(missing)}")
    base = _model_dir()
    base.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base, prefix=".incoming-") as tmp:
        copy = Path(tmp) / pair
        shutil.copytree(folder, copy)
        record = {
            "name": f"opus-mt-{pair}",
            "version": folder.name,
            "origin": str(folder),
            "installed_at": timezone.now().isoformat(timespec="seconds"),
        }
        (copy / INSTALLED_RECORD).write_text(json.dumps(record, indent=2), encoding="utf-8")
        _move_into_place(copy, base / pair)
    _forget_loaded_models()
    return _installed(base / pair, "ctranslate2", pair)


def install_from_index(
    name: str, *, index_url: str | None = None, progress: Progress | None = None
) -> InstalledModel:
    """Find `name` in the package index, download, check and install it."""
    if progress is not None:
        progress("index", 0, None)
    package = index_find(index_read(index_url), name)
    base = _model_dir()
    base.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base, prefix=".download-") as tmp:
        path, link = package_download(package, Path(tmp), progress=progress)
        return install_argos_file(path, origin=link, progress=progress)


def _installed(folder: Path, engine: str, pair: str) -> InstalledModel:
    record: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        record = json.loads((folder / INSTALLED_RECORD).read_text(encoding="utf-8"))
    if not record and (folder / "metadata.json").exists():
        try:
            metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
            record = {"version": metadata.get("package_version", "")}
        except (OSError, ValueError, AttributeError):
            pass
    return InstalledModel(
        engine=engine,
        pair=pair,
        folder=folder,
        version=str(record.get("version", "")),
        origin=str(record.get("origin", "")),
        installed_at=str(record.get("installed_at", "")),
    )


def installed_models() -> list[InstalledModel]:
    """The models under TRANSLATION_MODEL_DIR the local engines can use, by engine and pair."""
    base = _model_dir()
    models: list[InstalledModel] = []
    pattern = re.compile(r"(?:opus-mt-)?([a-z]{2,3}-[a-z]{2,3})")
    if base.is_dir():
        for folder in sorted(base.iterdir()):
            match = pattern.fullmatch(folder.name)
            if match and (folder / "model.bin").exists() and (folder / "source.spm").exists():
                models.append(_installed(folder, "ctranslate2", match.group(1)))
        argos = base / "argos"
        if argos.is_dir():
            for folder in sorted(argos.iterdir()):
                if (
                    re.fullmatch(r"[a-z]{2,3}-[a-z]{2,3}", folder.name)
                    and (folder / "model" / "model.bin").exists()
                ):
                    models.append(_installed(folder, "argos", folder.name))
    return models
