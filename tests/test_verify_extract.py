"""Finding quotations and their citations in Markdown, plain text, LaTeX and .docx manuscripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotecite.refs import PassageRef, Span
from quotecite.verify.cites import (
    Names,
    locator_ref,
    normalise_title,
    note_cites,
    pandoc_cites,
)
from quotecite.verify.extract import extract, extract_latex, extract_markdown, inline_quotes

DATA = Path(__file__).parent / "data" / "manuscripts"
NAMES = Names(
    {
        "gorbachev-1986-06-26": "gorbachev-1986-06-26",
        "doc6": "gorbachev-1986-06-26",
        "garf-10063-1-190": "garf-10063-1-190",
    },
    {
        " notes on the new political thinking ": "garf-10063-1-190",
        normalise_title(
            "Memorandum from Mikhail Gorbachev to the CC CPSU Politburo on Topical Questions "
            "regarding Collaboration with Socialist Countries"
        ): "gorbachev-1986-06-26",
    },
)


def ref(doc: str, *spans: str) -> PassageRef:
    return PassageRef(doc, tuple(Span(*s.split("-")) if "-" in s else Span(s) for s in spans))


# ------------------------------------------------------------------ quotation marks
@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “a b c” then", ["a b c"]),
        ('He said "a b c" then "d e".', ["a b c", "d e"]),
        ("Il dit «a b» et «c»", ["a b", "c"]),
        ("outer “a ‘inner’ b” end", ["a ‘inner’ b"]),
        ("the Pact’s ‘own words’ and friends’ hopes", ["own words"]),
        ("“unclosed quotation\n\nnext paragraph”", []),
        ("don't split it's", []),
    ],
)
def test_inline_quotes(text: str, quoted: list[str]) -> None:
    assert [text[b:c] for _a, b, c in inline_quotes(text, 0, len(text))] == quoted


@given(st.text(alphabet='ab “”«»"‘’\n', max_size=60))
def test_inline_quotes_never_overlap(text: str) -> None:
    pos = 0
    for a, b, c in inline_quotes(text, 0, len(text)):
        assert pos <= a < b <= c < len(text)
        pos = c + 1


# ------------------------------------------------------------------ citations
def test_pandoc_citations() -> None:
    assert pandoc_cites("see @doc6, para. 16; @garf-10063-1-190, ¶¶ 3–5") == [
        pandoc_cites("see @doc6, para. 16")[0],
        pandoc_cites("@garf-10063-1-190, ¶¶ 3–5")[0],
    ]
    (cite,) = pandoc_cites("@doc6, para. 16")
    assert cite.doc == "doc6" and cite.ref == ref("doc6", "16")
    (bare,) = pandoc_cites("-@doc6")
    assert bare.doc == "doc6" and bare.ref is None


def test_locators() -> None:
    assert locator_ref("doc6", "para. 16") == ref("doc6", "16")
    assert locator_ref("doc6", "paras. 3–5") == ref("doc6", "3-5")
    assert locator_ref("doc6", " 16.") == ref("doc6", "16")
    assert locator_ref("doc6", "ll. 5–7") is None
    assert locator_ref("doc6", "") is None


def test_footnotes_naming_a_document() -> None:
    (plain,) = note_cites("doc6 16.", NAMES)
    assert plain.doc == "gorbachev-1986-06-26" and plain.ref == ref("gorbachev-1986-06-26", "16")
    (title,) = note_cites("Notes on the new political thinking, n.d., f. 10063, para. 3.", NAMES)
    assert title.doc == "garf-10063-1-190" and title.ref == ref("garf-10063-1-190", "3")
    (ibid,) = note_cites("Ibid., para. 9.", NAMES, previous=title)
    assert ibid.doc == "garf-10063-1-190" and ibid.ref == ref("garf-10063-1-190", "9")
    assert note_cites("Smith, Cold War Europe (2001), 45.", NAMES) == []


# ------------------------------------------------------------------ Markdown
def test_markdown_seed_manuscript() -> None:
    found = extract_markdown((DATA / "seeds.md").read_text(encoding="utf-8"), NAMES)
    rows = [(f.line, f.block, f.text[:28], [c.describe() for c in f.cites]) for f in found]
    assert rows == [
        (8, False, "We should admit honestly tha", ["gorbachev-1986-06-26 12"]),
        (10, False, "we must fulfill this role no", ["gorbachev-1986-06-26 16"]),
        (13, False, "this process is far behind t", ["doc6 13"]),
        (14, False, "Almost all of the initiative", ["doc6 14"]),
        (15, False, "A genuine turning point in t", ["doc6 15"]),
        (18, False, "Our interactions on question", ["doc6 15"]),
        (19, False, "The Warsaw Pact must be diss", ["doc6 18"]),
        (22, False, "A person cannot live in a so", ["garf-10063-1-190 2"]),
        (23, False, "iron curtain", []),
        (24, False, "Stalin needed spiritual auta", ["garf-10063-1-190 3"]),
        (27, True, "The main thing now is not to", ["garf-10063-1-190 9"]),
    ]
    # the front matter's title and the footnote texts (which hold a quoted title) are not searched
    assert all("Memorandum" not in f.text and "new thinking" not in f.text for f in found)
    block = found[-1]
    assert "[^3]" not in block.text and block.text.endswith("foreign policy.")


def test_markdown_skips_code_links_and_html() -> None:
    text = (
        'Code `say "not this one"` and [a link](http://x.org "not a title quote") and '
        '<span title="not an attribute">x</span>, but “this one here”.\n\n'
        "```\n“fenced, not this”\n```\n"
    )
    assert [f.text for f in extract_markdown(text, NAMES)] == ["this one here"]


def test_markdown_citation_forms() -> None:
    text = (
        "One “alpha beta gamma” [@doc6, para. 3]. Two “delta epsilon”[^n] and "
        "@garf-10063-1-190 [para. 4] says “zeta eta” too.\n"
        "Three “theta iota kappa” (Gorbachev, par. 12). Four “lambda mu” and “nu xi”.[^m]\n\n"
        "[^n]: doc6 5.\n[^m]: garf-10063-1-190, ¶ 7.\n"
    )
    cites = [(f.text, [c.describe() for c in f.cites]) for f in extract_markdown(text, NAMES)]
    assert cites == [
        ("alpha beta gamma", ["doc6 3"]),
        ("delta epsilon", ["gorbachev-1986-06-26 5"]),
        ("zeta eta", []),
        ("theta iota kappa", ["? 12"]),
        ("lambda mu", []),
        ("nu xi", ["garf-10063-1-190 7"]),
    ]


# ------------------------------------------------------------------ plain text
def test_plain_text_manuscript() -> None:
    found = extract((DATA / "seeds.txt").read_text(encoding="utf-8"), "text", NAMES)
    rows = [(f.line, f.block, f.text[:24], [c.describe() for c in f.cites]) for f in found]
    assert rows == [
        (1, False, "we cannot deny the fact ", ["doc6 6"]),
        (3, False, "There is a real danger o", ["gorbachev-1986-06-26 6"]),
        (6, True, "A person forms and devel", ["? 2"]),
        (10, False, "Socialism is the natural", ["garf 4"]),
    ]
    assert found[2].text.endswith("with other societies and peoples.")


# ------------------------------------------------------------------ LaTeX
def test_latex_manuscript() -> None:
    found = extract_latex((DATA / "seeds.tex").read_text(encoding="utf-8"), NAMES)
    rows = [(f.line, f.block, f.text[:30], [c.describe() for c in f.cites]) for f in found]
    assert rows == [
        (5, False, "we must fulfill this role not ", ["gorbachev-1986-06-26 16"]),
        (6, False, "the fraternal countries were l", ["gorbachev-1986-06-26 14"]),
        (7, False, "this process is sharply behind", ["doc6 13"]),
        (8, False, "A person cannot live in a soci", ["garf-10063-1-190 2"]),
        (9, True, "It is time to stop thinking in", ["garf-10063-1-190 6"]),
        (14, True, "The new political thinking is ", ["garf 5"]),
    ]
    assert found[4].text == (
        "It is time to stop thinking in the categories of “here” and “there.” The "
        "interdependence of the world means also the interconnectedness of all the processes of "
        "domestic development."
    )


def test_latex_markup_becomes_text() -> None:
    tex = (
        "\\begin{document}\nA \\enquote{first \\emph{word}---dash -{}- hyphens, "
        "\\% and .~.~. more\\ldots{} end}.\n\\end{document}"
    )
    (found,) = extract_latex(tex, NAMES)
    assert found.text == "first word—dash -- hyphens, % and . . . more… end"


def test_locator_stops_at_the_next_words() -> None:
    (cite,) = note_cites(
        "Notes on the new political thinking, n.d., f. 10063, op. 1, d. 190, para. 3, State "
        "Archive of the Russian Federation (GARF), Moscow.",
        NAMES,
    )
    assert cite.ref == ref("garf-10063-1-190", "3")
