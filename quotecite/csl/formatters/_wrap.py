"""A str subclass that wraps its text between two markers, keeping outer spaces outside."""

from __future__ import annotations

from typing import ClassVar


class Wrapped(str):
    """``Wrapped("text")`` is ``open + "text" + close``; empty text stays empty."""

    open: ClassVar[str] = ""
    close: ClassVar[str] = ""

    def __new__(cls, text: object) -> Wrapped:
        raw = str(text)
        core = raw.strip(" ")
        if not core:
            return super().__new__(cls, raw)
        lead = raw[: len(raw) - len(raw.lstrip(" "))]
        trail = raw[len(raw.rstrip(" ")) :]
        return super().__new__(cls, f"{lead}{cls.open}{core}{cls.close}{trail}")


class Plain(str):
    """No markup in this format: the text as it is."""
