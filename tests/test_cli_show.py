"""quotecite show: exact output in every mode."""

from __future__ import annotations

import json
from typing import Any

from conftest import DOC000, DOC001

P16 = (
    "With good reason, relations with the socialist countries were identified as the priority for "
    "the Soviet Union’s foreign policy. First of all, we need to ensure that this general formula is "
    "filled with real content. We understand that the situation places a special responsibility for "
    "the fate of world socialism on the CPSU, and we cannot escape it. Our country was objectively "
    "placed into the leadership role in the socialist world as a guarantor of security for the "
    "fraternal countries and their social achievements. But we must fulfill this role not through "
    "exhortation and especially not through directives, but through ideological-political influence, "
    "constructive initiatives to deepen collaboration, the power of our example, and creative and "
    "effective resolutions for problems in social development."
)
HEAD001 = (
    "Memorandum from Mikhail Gorbachev to the CC CPSU Politburo on Topical Questions regarding "
    "Collaboration with Socialist Countries\n"
    "gorbachev-1986-06-26 · June 26, 1986 · Archive of the Gorbachev Foundation, Shakhnazarov Collection\n\n"
)
HEAD000 = (
    "[Notes on the new political thinking]\n"
    "garf-10063-1-190 · undated · State Archive of the Russian Federation (GARF), f. 10063, op. 1, d. 190\n\n"
)


def test_paragraph_16_exactly_as_the_seed_has_it(qc: Any) -> None:
    r = qc("show", "doc6", "16")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == HEAD001 + "16  " + P16 + "\n"
    assert r.stderr == ""


def test_every_reference_form_gives_the_same_passage(qc: Any) -> None:
    expected = qc("show", "doc6", "16").stdout
    for form in (
        ["doc6:16"],
        ["doc6 ¶16"],
        ["doc6, para. 16"],
        [DOC001, "16"],
        ["gorb", "¶", "16"],
    ):
        assert qc("show", *form).stdout == expected, form


def test_section_3_prints_all_its_sub_paragraphs(qc: Any) -> None:
    r = qc("show", "garf", "3")
    lines = r.stdout.splitlines()
    assert r.stdout.startswith(HEAD000)
    assert [line[:5] for line in lines[3:]] == ["  3  ", "3.2  ", "3.3  ", "3.4  ", "3.5  "]
    assert lines[3] == (
        "  3  We have not yet fully assessed the scale and the consequences of the spiritual autarchy "
        "which predominated in the life of our country during more than half a century. Yes, "
        "imperialism tried to isolate the first socialist country in the world in all respects, to "
        "erect barriers against our ideological and cultural influence, and to put us behind an "
        "“iron curtain.” And by doing that, to kill two birds with the same bullet: to isolate its own "
        "people from the “contagion of bolshevism” and to create myths about us with even greater ease."
    )
    assert lines[-1] == (
        "3.5  In reality, genuine competition existed in only one sphere – the military one. Here the "
        "immediate contact of armaments encouraged us to rise to the level of world standards and "
        "sometimes even beyond them. This kind of situation -- from ideology to the economy -- could "
        "not be called normal from any point of view."
    )


def test_sub_paragraph(qc: Any) -> None:
    r = qc("show", "garf", "3.3")
    assert r.stdout == HEAD000 + (
        "3.3  And subsequently, spiritual autarchy became a comfortable cradle, in which "
        "self-adoration and communist arrogance on a national scale, dogmatism, scholasticism and "
        "stagnation enjoyed themselves.\n"
    )


def test_roles_markers_and_context(qc: Any) -> None:
    r = qc("show", "doc6", "25-26", "--context", "1")
    assert r.stdout.splitlines()[3:] == [
        "(24)  It seems to me that after exchanging opinions at the Politburo, the CC CPSU, the MFA, "
        "and the KGB departments could be assigned to prepare a document, which would develop concrete "
        "measures on the basis of political evaluations for perestroika regarding our relations with "
        "the socialist countries, overcoming negative phenomena, and providing the necessary "
        "acceleration on this exceptionally important matter.",
        "  25  [dateline] June 26, 1986",
        "  26  [source-note] [Source: Archive of the Gorbachev Foundation. Shakhnazarov Collection. "
        "On file at the National Security Archive. Translated by Anna Melyakova.]",
        "(n1)  [footnote] The document comes from the Shakhnazarov file at the Gorbachev Foundation, "
        "but has no signature and precedes the date Shakhnazarov became either a Gorbachev aide "
        "(February 1988) or deputy director of the Socialist Countries Department of the CC.",
    ]
    assert "Vadim Medvedev,¹ the document" in qc("show", "doc6", "1").stdout


def test_rich_view(qc: Any) -> None:
    r = qc("show", "garf", "5", "--rich")
    assert r.stdout == HEAD000 + (
        "5  The new political thinking is shaking off the internal chains of this        \n"
        "   spiritual autarky. And by doing that, it is giving socialism back to the     \n"
        "   world -- a socialism that is genuinely creative, self-renewing, moving       \n"
        "   forward and consistent with common human interests, and not a caricature     \n"
        "   resulting from the self-inflicted distortions, shifts and deficiencies, which\n"
        "   are magnified manifold in the propaganda that is hostile to socialism and to \n"
        "   our country.                                                                 \n"
    )


def test_rich_view_shows_roles_and_separates_paragraphs(qc: Any) -> None:
    lines = qc("show", "doc6", "24-25", "--rich").stdout.splitlines()
    assert lines[-1].rstrip() == "25  dateline  June 26, 1986"
    assert lines[-2].strip() == ""


def test_json(qc: Any) -> None:
    data = json.loads(qc("show", "garf", "3.2-3.3", "--json").stdout)
    assert data["reference"] == "garf 3.2-3.3"
    assert data["document"]["id"] == DOC000
    assert data["pinpoint"] == "3.2, 3.3"
    assert [(p["number"], p["role"], p["context"]) for p in data["paragraphs"]] == [
        ("3.2", "body", False),
        ("3.3", "body", False),
    ]
    assert data["paragraphs"][0]["text"].startswith("They succeeded")
    whole = json.loads(qc("show", "doc6", "1", "--json").stdout)["paragraphs"][0]
    (part,) = whole["parts"]
    offset = part["text"].index("Vadim Medvedev,") + len("Vadim Medvedev,")
    assert part["footnotes"] == [{"label": "1", "offset": offset}]
    assert whole["text"] == part["text"] and "Medvedev,1" not in whole["text"]


def test_whole_document(qc: Any) -> None:
    r = qc("show", "doc6")
    assert r.exit_code == 0
    assert len(r.stdout.splitlines()) == 3 + 27
