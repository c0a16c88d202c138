"""The corpus file format: reading, writing, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecite.corpusfile import format_document, parse_file, parse_text
from quotecite.errors import CorpusError
from quotecite.model import Document, Numbering, Paragraph, Part, Role

from conftest import DOC000, DOC001, SHIPPED_CORPUS

HEAD = '+++\nid = "x"\ntitle = "A title"\n+++\n'


@pytest.mark.parametrize("doc_id", [DOC000, DOC001])
def test_shipped_files_round_trip_byte_for_byte(doc_id: str) -> None:
    path = SHIPPED_CORPUS / f"{doc_id}.md"
    assert format_document(parse_file(path).document) == path.read_text("utf-8")


def test_seed_001_structure() -> None:
    doc = parse_file(SHIPPED_CORPUS / f"{DOC001}.md").document
    assert doc.paragraph_numbers() == [str(n) for n in range(1, 27)] + ["n1"]
    roles = {p.number: p.role for p in doc.paragraphs}
    assert roles["1"] is roles["2"] is Role.HEADNOTE
    assert roles["25"] is Role.DATELINE and roles["26"] is Role.SOURCE_NOTE
    assert roles["n1"] is Role.FOOTNOTE
    first = doc.paragraphs[0].parts[0]
    (marker,) = first.markers
    assert marker.label == "1"
    assert first.text[: marker.offset].endswith("Vadim Medvedev,")
    assert doc.archival.collection == "Shakhnazarov Collection"
    assert doc.publication.number == "6"
    assert [e.family for e in doc.publication.editors] == ["Savranskaya", "Blanton", "Zubok"]


def test_seed_000_sections() -> None:
    doc = parse_file(SHIPPED_CORPUS / f"{DOC000}.md").document
    assert [len(p.parts) for p in doc.paragraphs] == [3, 9, 5, 6, 1, 7, 2, 3, 2, 1]
    assert doc.archival.location() == "f. 10063, op. 1, d. 190"
    assert doc.archival.repository() == "State Archive of the Russian Federation (GARF)"
    assert doc.title_supplied and doc.issued is None
    assert [t.family for t in doc.translators] == ["Savranskaya"]
    text = " ".join(p.text for p in doc.paragraphs)
    for word in ("self-adoration", "ill-health", "One-sidedness", "ready-made"):
        assert word in text


def test_lines_join_and_blank_lines_split_parts() -> None:
    doc = parse_text(
        HEAD + "\n¶ 3\nfirst line\nsecond line\n\nnext part\n¶ 4 signature\nM. Gorbachev\n"
    ).document
    p3, p4 = doc.paragraphs
    assert [part.text for part in p3.parts] == ["first line second line", "next part"]
    assert p4.role is Role.SIGNATURE and p3.line == 6


def test_escapes() -> None:
    text = HEAD + "¶ 1\n\\¶ 5 is quoted\nliteral \\[^x] and a marker[^2] here\n"
    part = parse_text(text).document.paragraphs[0].parts[0]
    assert part.text == "¶ 5 is quoted literal [^x] and a marker here"
    assert part.markers[0].label == "2"
    assert format_document(parse_text(text).document).endswith(
        "¶ 1\n\\¶ 5 is quoted literal \\[^x] and a marker[^2] here\n"
    )


def _error(text: str) -> CorpusError:
    with pytest.raises(CorpusError) as info:
        parse_text(text, "corpus/bad.md")
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("id = 1\n", 1, "starts with a '+++' line"),
        ('+++\nid = "x"\n', 1, "not closed"),
        ('+++\nid = "x"\ntitle = \nlanguage = "en"\n+++\n', 3, "metadata: Invalid value"),
        ('+++\nid = "x"\ntitle = "t"\ntitel = "t"\n+++\n', 4, "unknown metadata field 'titel'"),
        ('+++\nid = "X Y"\ntitle = "t"\n+++\n', 2, "id 'X Y' may use only"),
        ('+++\nid = "x"\n+++\n', 2, "no title"),
        (
            '+++\nid = "x"\ntitle = "t"\nissued = "June 1986"\n+++\n',
            4,
            "cannot read date 'June 1986'",
        ),
        (
            '+++\nid = "x"\ntitle = "t"\n[archival]\nfonds = "1"\n+++\n',
            5,
            "unknown archival field 'fonds'",
        ),
        (HEAD + "stray text\n", 5, "text before the first paragraph header"),
        (HEAD + "¶ 1 preface\ntext\n", 5, "unknown paragraph role 'preface'"),
        (HEAD + "¶ one two three\n", 5, "cannot read paragraph header"),
        ('+++\nid = "x"\ntitle = "t"\nnumbering = "mine"\n+++\n', 4, "numbering must be"),
        (
            '+++\nid = "x"\ntitle = "t"\n[[author]]\nname = "X"\n+++\n',
            4,
            "unknown name field 'name'",
        ),
    ],
)
def test_errors_name_file_and_line(text: str, line: int, message: str) -> None:
    err = _error(text)
    assert err.line == line
    assert str(err).startswith(f"corpus/bad.md:{line}: ")
    assert message in str(err)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(HEAD.encode() + b"\n\xff\xfe\n")
    with pytest.raises(CorpusError, match=r"x\.md:6: not UTF-8 text"):
        parse_file(path)


def test_soft_problems_are_collected_not_raised() -> None:
    parsed = parse_text(HEAD + "¶ 1\n\n¶ 2\ntext\n¶ 2\nagain\n", "c.md")
    assert [str(p) for p in parsed.problems] == [
        "c.md:5: paragraph 1 is empty",
        "c.md:9: paragraph number 2 repeats line 7",
    ]


words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
part_texts = st.lists(words, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=60)
@given(st.lists(st.lists(part_texts, min_size=1, max_size=3), min_size=1, max_size=4))
def test_any_text_round_trips(paragraphs: list[list[str]]) -> None:
    doc = Document(
        id="gen",
        title="Generated",
        numbering=Numbering.SUPPLIED,
        paragraphs=tuple(
            Paragraph(str(i + 1), Role.BODY, tuple(Part(t) for t in parts))
            for i, parts in enumerate(paragraphs)
        ),
    )
    back = parse_text(format_document(doc)).document
    assert [[p.text for p in q.parts] for q in back.paragraphs] == paragraphs
