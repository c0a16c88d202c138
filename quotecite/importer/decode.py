"""Raw bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1251/1252 detected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotecite.errors import InputError

_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt?)"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office file"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NAMES = {"cp1251": "Windows-1251", "cp1252": "Windows-1252"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  #: "UTF-8", "UTF-8 with BOM", "Windows-1251" …
    notes: tuple[str, ...] = ()


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode an import source; raises :class:`InputError` for empty or binary files."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}, not text (extract its text first)")
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: not readable as UTF-16 despite its byte-order mark"
            ) from None
        encoding = "UTF-16"
    elif b"\x00" in data:
        raise InputError(f"{name}: a binary file, not text")
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(f"{name}:{line}: not UTF-8 text despite its byte-order mark") from None
        encoding = "UTF-8 with BOM"
    else:
        try:
            text = data.decode("utf-8")
            encoding = "UTF-8"
        except UnicodeDecodeError:
            text, encoding = _detect(data, name)
            notes.append(f"not UTF-8: decoded as {encoding}")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(f"{name}: a binary file, not text ({controls} control characters)")
    if controls:
        text = _CONTROL.sub("", text)
        notes.append(f"removed {controls} control character{'s' if controls > 1 else ''}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding=encoding, notes=tuple(notes))


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "cp1252"]).best()
    if best is None or best.encoding not in _NAMES:
        raise InputError(
            f"{name}: neither UTF-8 nor Windows-1251/1252 text; convert it to UTF-8 first"
        )
    return str(best), _NAMES[best.encoding]
