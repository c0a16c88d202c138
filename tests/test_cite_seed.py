"""The seed documents cited in Chicago (CMOS 18) and MLA 9: exact expected strings.

Each expected string was written out by hand and checked against the rules quoted in
shared/research/archival-citations.md:

* CMOS 18: notes run from the most specific element to the most general (item, date, archival
  location, repository, place); archival locators labelled (f., op., d.); a description
  supplied by an editor is not quoted and keeps sentence case; "n.d." for an undated item;
  translators "trans." in notes and "Translated by" in the bibliography, never in author
  position; the place of publication is omitted (CMOS 18), "et al." after the first of three
  or more editors in notes; paragraph pinpoints "para." / "paras."; no bibliography sentence
  starts with "F."; short notes: author's surname, short title, pinpoint (and for archival
  items the location and the repository's acronym).
* MLA 9: author inverted; a description not quoted; "Translated by"; the collection is a
  container with the editors ("edited by … et al." for three or more); the document's number
  in the Location slot ("doc. 6"); the archive as second container with the archival location;
  the document's own date after its title ("26 June 1986"); the series at the end; in-text
  citation = the entry's first element with "par." / "pars.".
"""

from __future__ import annotations

from typing import Any

import pytest
from golden_files import check_golden

from quotecite import citing
from quotecite.corpus import Corpus

from conftest import DOC000, DOC001

GARF_NOTE = (
    "Notes on the new political thinking, n.d., f. 10063, op. 1, d. 190, para. 3, State Archive "
    "of the Russian Federation (GARF), Moscow, trans. Svetlana Savranskaya (National Security "
    "Archive)."
)
GARF_SHORT = "Notes on the new political thinking, f. 10063, op. 1, d. 190, para. 3, GARF."
GARF_BIB = (
    "Notes on the new political thinking, n.d., f. 10063, op. 1, d. 190. State Archive of the "
    "Russian Federation (GARF), Moscow. Translated by Svetlana Savranskaya. National Security "
    "Archive."
)
TITLE = (
    "Memorandum from Mikhail Gorbachev to the CC CPSU Politburo on Topical Questions regarding "
    "Collaboration with Socialist Countries"
)
DOC6_NOTE = (
    f"Mikhail Gorbachev, “{TITLE},” June 26, 1986, trans. Anna Melyakova, doc. 6 in Masterpieces "
    "of History: The Peaceful End of the Cold War in Europe, 1989, ed. Svetlana Savranskaya et "
    "al., National Security Archive Cold War Readers (Central European University Press, 2010), "
    "para. 16."
)
DOC6_SHORT = "Gorbachev, “Memorandum on Collaboration with Socialist Countries,” para. 16."
DOC6_BIB = (
    f"Gorbachev, Mikhail. “{TITLE}.” June 26, 1986. Translated by Anna Melyakova. Doc. 6 in "
    "Masterpieces of History: The Peaceful End of the Cold War in Europe, 1989, edited by "
    "Svetlana Savranskaya, Thomas Blanton, and Vladislav Zubok. National Security Archive Cold "
    "War Readers. Central European University Press, 2010."
)
GARF_MLA_CITE = "(Notes on the new political thinking, par. 3)"
GARF_MLA_BIB = (
    "Notes on the new political thinking. Translated by Svetlana Savranskaya, National Security "
    "Archive. State Archive of the Russian Federation (GARF), Moscow, f. 10063, op. 1, d. 190."
)
DOC6_MLA_CITE = "(Gorbachev, par. 16)"
DOC6_MLA_BIB = (
    f"Gorbachev, Mikhail. “{TITLE}.” 26 June 1986. Translated by Anna Melyakova. Masterpieces of "
    "History: The Peaceful End of the Cold War in Europe, 1989, edited by Svetlana Savranskaya "
    "et al., Central European University Press, 2010, doc. 6. National Security Archive Cold War "
    "Readers."
)


def cite(
    ref: str, style: str, fmt: str = "text", archive_style: str = "english"
) -> citing.Citation:
    corpus = Corpus()
    return citing.cite_passage(corpus.passage(ref), style, fmt, archive_style, corpus=corpus)


def test_garf_chicago() -> None:
    c = cite(f"{DOC000} 3", "chicago")
    assert c.citation == GARF_NOTE
    assert c.subsequent == GARF_SHORT
    assert c.ibid == GARF_SHORT  # CMOS 18 prefers the short note to "Ibid."
    assert c.bibliography == GARF_BIB
    assert c.style.id == "quotecite-chicago-notes-archival"
    assert c.style.edition == "CMOS 18"


def test_gorbachev_chicago() -> None:
    c = cite("doc6 16", "chicago")
    assert (c.citation, c.subsequent, c.ibid, c.bibliography) == (
        DOC6_NOTE,
        DOC6_SHORT,
        DOC6_SHORT,
        DOC6_BIB,
    )


def test_garf_mla() -> None:
    c = cite(f"{DOC000} 3", "mla")
    assert (c.citation, c.subsequent, c.ibid, c.bibliography) == (
        GARF_MLA_CITE,
        GARF_MLA_CITE,
        GARF_MLA_CITE,
        GARF_MLA_BIB,
    )
    assert (c.style.id, c.style.edition) == ("quotecite-mla-archival", "MLA 9")


def test_gorbachev_mla() -> None:
    c = cite(f"{DOC001} 16", "mla")
    assert (c.citation, c.subsequent, c.ibid, c.bibliography) == (
        DOC6_MLA_CITE,
        DOC6_MLA_CITE,
        DOC6_MLA_CITE,
        DOC6_MLA_BIB,
    )


def test_no_sentence_starts_with_capital_f() -> None:
    for style in ("chicago", "mla"):
        for ref in (f"{DOC000} 3", "doc6 16"):
            c = cite(ref, style)
            for text in (c.citation, c.subsequent, c.bibliography):
                assert ". F." not in text and not text.startswith("F.")


def test_translator_never_author() -> None:
    c = cite(f"{DOC000} 3", "chicago")
    assert c.csl.get("author") is None
    assert c.csl["translator"] == [{"family": "Savranskaya", "given": "Svetlana"}]
    assert not c.citation.startswith("Svetlana")


@pytest.mark.parametrize(
    ("ref", "style", "expected"),
    [
        ("doc6 3-5", "chicago", "paras. 3–5."),
        ("doc6 3-5", "mla", "(Gorbachev, pars. 3–5)"),
        ("doc6 3,7,9-11", "mla", "(Gorbachev, pars. 3, 7, 9–11)"),
        (f"{DOC000} 3.2", "chicago", "d. 190, para. 3.2, State Archive"),
        (f"{DOC000} 3.2", "mla", "(Notes on the new political thinking, par. 3.2)"),
    ],
)
def test_pinpoints(ref: str, style: str, expected: str) -> None:
    assert expected in cite(ref, style).citation


def test_whole_document_has_no_pinpoint() -> None:
    assert cite("doc6", "mla").citation == "(Gorbachev)"
    assert "para." not in cite("doc6", "chicago").citation


def test_supplied_numbering_gets_no_pinpoint(corpus_copy: Any) -> None:
    path = corpus_copy / f"{DOC000}.md"
    path.write_text(path.read_text().replace('numbering = "printed"', 'numbering = "supplied"'))
    corpus = Corpus(corpus_copy)
    c = citing.cite_passage(corpus.passage(f"{DOC000} 3"), "chicago", corpus=corpus)
    assert c.citation == GARF_NOTE.replace(", para. 3", "")
    assert c.subsequent == GARF_SHORT.replace(", para. 3", "")


def test_russian_archive_style() -> None:
    c = cite(f"{DOC000} 3", "chicago", archive_style="russian")
    assert c.citation == GARF_NOTE.replace("f. 10063, op. 1, d. 190", "ф. 10063, оп. 1, д. 190")
    assert c.csl["archive_location"] == "ф. 10063, оп. 1, д. 190"


def test_leaves_and_papka(corpus_copy: Any) -> None:
    path = corpus_copy / f"{DOC000}.md"
    text = path.read_text().replace(
        'delo = "190"', 'delo = "190"\npapka = "188"\nleaves = "12–14ob."'
    )
    path.write_text(text)
    corpus = Corpus(corpus_copy)
    for style, location in (
        ("english", "f. 10063, op. 1, p. 188, d. 190, ll. 12–14ob."),
        ("russian", "ф. 10063, оп. 1, п. 188, д. 190, лл. 12–14 об."),
    ):
        c = citing.cite_passage(corpus.passage(f"{DOC000} 3"), "chicago", "text", style, corpus)
        assert f"n.d., {location}, para. 3, State Archive" in c.citation


@pytest.mark.parametrize("style", ["chicago", "mla"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "latex", "rtf"])
@pytest.mark.parametrize(("doc", "pin"), [(DOC000, "3"), (DOC001, "16")])
def test_golden_every_format(
    request: pytest.FixtureRequest, style: str, fmt: str, doc: str, pin: str
) -> None:
    c = cite(f"{doc} {pin}", style, fmt)
    text = (
        f"citation: {c.citation}\nsubsequent: {c.subsequent}\nibid: {c.ibid}\n"
        f"bibliography: {c.bibliography}\n"
    )
    check_golden(request, f"cite/{doc}.{style}.{fmt}.txt", text)


def test_official_styles_on_corpus(request: pytest.FixtureRequest) -> None:
    """chicago-short and chicago-author-date (official styles) on the seeds, reviewed by eye."""
    out = []
    for style in (
        "chicago-short",
        "chicago-author-date",
        "chicago-notes-bibliography",
        "modern-language-association",
    ):
        for ref in (f"{DOC000} 3", f"{DOC001} 16"):
            c = cite(ref, style)
            out.append(f"{style} {ref}\n  {c.citation}\n  {c.subsequent}\n  {c.bibliography}\n")
    check_golden(request, "cite/official-styles.txt", "".join(out))
