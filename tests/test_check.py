"""quotecite check: every problem as file:line: message, non-zero exit when there are any."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import DOC000, DOC001


def test_shipped_corpus_is_clean(qc: Any) -> None:
    r = qc("check")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "2 documents checked: no problems\n", "")


def line_of(path: Path, start: str, nth: int = 1) -> int:
    """The line number of the nth line of ``path`` that starts with ``start``."""
    hits = [
        i
        for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if line.startswith(start)
    ]
    return hits[nth - 1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_problems_are_reported_with_file_and_line(qc: Any, corpus_copy: Path) -> None:
    garf = corpus_copy / f"{DOC000}.md"
    gorb = corpus_copy / f"{DOC001}.md"
    edit(garf, 'fond = "10063"', 'fond = "10064"')
    edit(garf, 'language = "en"\n', "")
    edit(garf, "¶ 2\n", "¶ 1\n")
    edit(gorb, "¶ 25 dateline\nJune 26, 1986\n", "¶ 25 dateline\n\n")
    edit(gorb, "[Source: Archive of the Gorbachev Foundation.", "[Source: Fond unknown.")
    edit(gorb, "Medvedev,[^1]", "Medvedev,[^2]")
    r = qc("check", "--corpus", str(corpus_copy))
    assert r.exit_code == 8
    assert r.stdout.splitlines() == [
        f"{garf}:{line_of(garf, 'title = ')}: metadata has no language",
        f"{garf}:{line_of(garf, 'fond = ')}: archival.fond is '10064' but the source note says '10063'",
        f"{garf}:{line_of(garf, '¶ 1', 2)}: paragraph number 1 repeats line {line_of(garf, '¶ 1')}",
        f"{gorb}:{line_of(gorb, '¶ 1 ')}: ¶ 1: footnote marker [^2] has no footnote n2",
        f"{gorb}:{line_of(gorb, '¶ 25 ')}: paragraph 25 is empty",
        f"{gorb}:{line_of(gorb, '¶ 26 ')}: source note ¶ 26: cannot read it: 'Fond' without a number",
        f"{gorb}:{line_of(gorb, '¶ n1 ')}: footnote n1 has no marker in the text",
    ]
    assert r.stderr == "quotecite: 7 problems in 2 documents\n"


def test_ids_aliases_and_unreadable_files(qc: Any, corpus_copy: Path) -> None:
    garf = corpus_copy / f"{DOC000}.md"
    copy = corpus_copy / "copy.md"
    copy.write_text(garf.read_text("utf-8").replace("new-political-thinking", "doc6"), "utf-8")
    (corpus_copy / "broken.md").write_text("no metadata here\n", "utf-8")
    r = qc("check", "--corpus", str(corpus_copy), "--json")
    assert r.exit_code == 8
    data = json.loads(r.stdout)
    assert data["documents"] == 4
    assert [(Path(p["file"]).name, p["line"], p["message"]) for p in data["problems"]] == [
        ("broken.md", 1, "a corpus file starts with a '+++' line"),
        ("copy.md", 2, f"id '{DOC000}' does not match the file name 'copy.md'"),
        (f"{DOC000}.md", 2, f"id '{DOC000}' is also the id of {corpus_copy / 'copy.md'}"),
        (f"{DOC001}.md", 3, f"alias 'doc6' is also an alias of '{DOC000}'"),
    ]


def test_missing_source_and_date(qc: Any, tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text(
        '+++\nid = "x"\ntitle = "X"\nlanguage = "en"\noriginal-language = "ru"\n'
        '[archival]\nacronym = "ZZZ"\nleaves = "five"\n+++\n\n¶ 1\nText.\n',
        "utf-8",
    )
    r = qc("check", "--corpus", str(tmp_path))
    assert r.exit_code == 8
    path = tmp_path / "x.md"
    assert r.stdout.splitlines() == [
        f"{path}:3: metadata has no issued date (an undated document's note begins 'Undated')",
        f"{path}:5: a translation with no translator",
        f"{path}:7: archive acronym 'ZZZ' is not in the archive registry",
        f"{path}:8: archival.leaves 'five' is not a leaf or range of leaves",
    ]
