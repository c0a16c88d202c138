"""CSL-JSON items from a file or stdin (``--items FILE`` / ``--items -``), checked up front.

Every problem is an InputError naming the file, the item (index and id) and what is wrong, so a
Zotero or pandoc export with one broken item says which one. Imports nothing heavy.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quotecite.errors import InputError, NotFoundError

#: CSL 1.0.2 item types
CSL_TYPES = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)
NAME_VARIABLES = frozenset(
    [
        "author",
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "container-author",
        "contributor",
        "curator",
        "director",
        "editor",
        "editorial-director",
        "editor-translator",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
        "translator",
    ]
)
DATE_VARIABLES = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
#: CSL-JSON keys that hold lists or objects and that no style renders (Zotero exports them)
NON_RENDERED = frozenset({"custom", "categories"})
#: what a citation needs at least one of to name an item
IDENTIFYING = ("title", "genre", "author", "editor", "translator", "container-title")


def source_name(source: str) -> str:
    return "<stdin>" if source == "-" else source


def read_items(source: str) -> list[dict[str, Any]]:
    """Items of a CSL-JSON file (a list of items), ``-`` for stdin."""
    name = source_name(source)
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: cannot read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    if isinstance(data, Mapping) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise InputError(f"{name}: CSL-JSON must be a list of items (an array of objects)")
    if not data:
        raise InputError(f"{name}: no items")
    return check_items(data, name)


def check_items(data: list[Any], name: str = "items") -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    out: list[dict[str, Any]] = []
    for index, item in enumerate(data):
        where = f"{name}: item {index + 1}"
        if not isinstance(item, dict):
            raise InputError(f"{where}: an item must be an object, not {_kind(item)}")
        raw_id = item.get("id")
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or str(raw_id) == "":
            raise InputError(f"{where}: no 'id' (a non-empty string or number)")
        item_id = str(raw_id)
        where = f"{name}: item {index + 1} ('{item_id}')"
        if item_id in seen:
            raise InputError(f"{where}: id '{item_id}' is used by item {seen[item_id] + 1} too")
        seen[item_id] = index
        item_type = item.get("type")
        if not isinstance(item_type, str) or not item_type:
            raise InputError(f"{where}: no 'type'")
        if item_type not in CSL_TYPES:
            raise InputError(f"{where}: '{item_type}' is not a CSL item type")
        for key, value in item.items():
            _check_field(where, key, value)
        out.append({**item, "id": item_id})
    return out


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _check_field(where: str, key: str, value: Any) -> None:
    if key in ("id", "type"):
        return
    if key in NAME_VARIABLES:
        if not isinstance(value, list):
            raise InputError(f"{where}: '{key}' must be a list of names")
        for name in value:
            if not isinstance(name, dict) or not any(
                isinstance(name.get(k), str) and name.get(k) for k in ("family", "given", "literal")
            ):
                raise InputError(
                    f"{where}: every name in '{key}' needs a family, given or literal part"
                )
        return
    if key in DATE_VARIABLES:
        if not isinstance(value, dict):
            raise InputError(f"{where}: '{key}' must be a date object with date-parts or literal")
        from quotecite.dates import DateFormatError, parse_date

        try:
            parse_date(value)
        except DateFormatError as exc:
            raise InputError(f"{where}: '{key}': {exc}") from None
        return
    if isinstance(value, bool) or not isinstance(value, str | int | float | list | dict):
        raise InputError(f"{where}: '{key}' must be a string or a number")
    if isinstance(value, list | dict) and key not in NON_RENDERED:
        raise InputError(f"{where}: '{key}' must be a string or a number, not {_kind(value)}")


def check_citable(item: Mapping[str, Any], name: str = "items") -> None:
    """An item a citation can name: it has a title, description, author or editor."""
    if not any(item.get(k) for k in IDENTIFYING):
        raise InputError(
            f"{name}: item '{item.get('id')}' has no title, genre, author, editor or "
            "container-title: a citation has nothing to name it by"
        )


def find_item(items: list[dict[str, Any]], item_id: str, name: str = "items") -> dict[str, Any]:
    for item in items:
        if item["id"] == item_id:
            return item
    lowered = [i for i in items if i["id"].lower() == item_id.lower()]
    if len(lowered) == 1:
        return lowered[0]
    import difflib

    close = difflib.get_close_matches(item_id, [i["id"] for i in items], n=3, cutoff=0.6)
    hint = "did you mean " + ", ".join(f"'{c}'" for c in close) + "?" if close else None
    raise NotFoundError(f"no item '{item_id}' in {name}", hint=hint)


def parse_item_ref(args: list[str] | str, items: list[dict[str, Any]]) -> tuple[str, str | None]:
    """``ID``, ``ID 16``, ``ID:3-5``, ``'ID ¶¶3–5'`` → (id, pinpoint). Ids may contain spaces
    or colons (Zotero's are URLs): the longest item id the reference starts with wins."""
    from quotecite.refs import parse_ref

    text = args if isinstance(args, str) else " ".join(args)
    text = text.strip()
    item_id = None
    for candidate in sorted((str(i["id"]) for i in items), key=len, reverse=True):
        if text == candidate or (text.startswith(candidate) and text[len(candidate)] in " :,¶§\t"):
            item_id = candidate
            break
    if item_id is None:
        item_id = text.split()[0].rstrip(":,") if text.split() else text
    rest = text[len(item_id) :].lstrip(" :,")
    if not rest:
        return item_id, None
    parsed = parse_ref(f"x {rest}")
    pin = ", ".join(s.start if s.end is None else f"{s.start}–{s.end}" for s in parsed.spans)
    return item_id, pin or None
