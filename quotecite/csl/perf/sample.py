"""Generated CSL-JSON items for the bibliography benchmark and the speed tests.

:func:`generate_items` varies a set of base items (the development items in
``tests/data/citations/dev_items.json``): every generated item keeps its base item's type and
field shape, and gets a new id, new family and given names, a varied title and shifted dates.
Some authors recur on purpose (runs of the same author exercise subsequent-author-substitute
and sort ties). The result is a deterministic function of the arguments.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Mapping, Sequence
from typing import Any


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


FAMILIES = _words(
    "Andreev Belov Chernov Dmitriev Egorov Fedorov Gusev Ilyin Karpov Lebedev Makarov Nikitin "
    "Orlov Petrov Romanov Sokolov Tarasov Usov Volkov Yakovlev Zaitsev Abramov Borisov Vasiliev "
    "Grigoriev Danilov Zhukov Kiselev Kozlov Medvedev Novikov Pavlov Sergeev Titov Frolov "
    "Kuznetsov Popov Smirnov Morozov Solovyov Vinogradov Bogdanov Vorobyov Stepanov Nikolaev "
    "Orekhov Rybakov Savin Yudin"
)
GIVENS = _words(
    "Aleksandr Boris Viktor Georgii Dmitrii Evgenii Ivan Konstantin Leonid Mikhail Nikolai "
    "Oleg Pavel Sergei Vladimir Iurii Anna Elena Irina Natalia Olga Tatiana Svetlana Vera"
)
PATRONYMICS = _words(
    "Ivanovich Petrovich Sergeevich Nikolaevich Aleksandrovich Mikhailovich "
    "Ivanovna Petrovna Sergeevna"
)
WORDS = _words(
    "Memorandum Report Notes Letter Telegram Record Resolution Conversation Draft Minutes "
    "Instructions Proposals Information Summary Transcript"
)
TOPICS = _words(
    "on the Situation in Poland|about Economic Cooperation with the GDR|on Measures to "
    "Strengthen Discipline|concerning the Afghan Question|on the “New Thinking” in Foreign "
    "Policy|regarding the Party Congress|on Relations between the Fraternal Parties|on the "
    "Results of the Negotiations in Geneva|about the Mood among Students|on the Preparation of "
    "the Plenum",
    "|",
)


def _name(rng: random.Random, name: Mapping[str, Any]) -> dict[str, Any]:
    if "literal" in name:
        return dict(name)
    out = dict(name)
    out["family"] = rng.choice(FAMILIES)
    given = rng.choice(GIVENS)
    if rng.random() < 0.3:
        given += " " + rng.choice(PATRONYMICS)
    elif rng.random() < 0.2:
        given = given[0] + ". " + rng.choice(PATRONYMICS)[0] + "."
    out["given"] = given
    return out


def _shift_date(value: Mapping[str, Any], years: int, rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(dict(value))
    parts = out.get("date-parts")
    if isinstance(parts, list):
        for part in parts:
            if part and isinstance(part[0], int):
                part[0] += years
            if len(part) > 2 and isinstance(part[2], int):
                part[2] = min(part[2], 28)  # a valid day in any month of any year
        # a new month only for single dates (a range must not end before it begins)
        if (
            len(parts) == 1
            and len(parts[0]) > 1
            and isinstance(parts[0][1], int)
            and rng.random() < 0.5
        ):
            parts[0][1] = rng.randint(1, 12)
    return out


def generate_items(
    base: Sequence[Mapping[str, Any]], count: int, seed: int = 7
) -> list[dict[str, Any]]:
    """``count`` items varied from ``base`` (cycled in order), deterministic in ``seed``."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    previous_authors: list[dict[str, Any]] | None = None
    for index in range(count):
        source = base[index % len(base)]
        item: dict[str, Any] = copy.deepcopy(dict(source))
        item["id"] = f"gen-{index:06d}-{source['id']}"
        for key, value in source.items():
            if isinstance(value, list) and value and isinstance(value[0], Mapping):
                item[key] = [_name(rng, n) for n in value]
            elif isinstance(value, Mapping) and ("date-parts" in value or "literal" in value):
                item[key] = _shift_date(value, rng.randint(-15, 15), rng)
        if "author" in item and previous_authors is not None and rng.random() < 0.15:
            item["author"] = copy.deepcopy(previous_authors)  # a run of the same author
        if "author" in item:
            previous_authors = item["author"]
        if rng.random() < 0.7:
            item["title"] = f"{rng.choice(WORDS)} {rng.choice(TOPICS)}, No. {index}"
        else:
            item["title"] = f"{source['title']} ({index})"
        out.append(item)
    return out


__all__ = ["generate_items"]
