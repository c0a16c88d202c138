"""Property tests: generated documents come back word for word; random input never a traceback."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotecite.errors import QuoteciteError
from quotecite.importer import import_bytes, import_text
from quotecite.importer.sample import STYLES, generate
from quotecite.importer.verify import lost_words

CORPUS = Path("/nonexistent-corpus")


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), style=st.sampled_from(STYLES))
def test_generated_documents_round_trip(seed: int, style: str) -> None:
    sample = generate(random.Random(seed), style)
    result = import_text(sample.text, "g.txt", CORPUS)
    doc = result.document
    body = [p for p in doc.paragraphs if p.role.value == "body"]
    assert [[part.text for part in p.parts] for p in body] == sample.paragraphs
    assert lost_words(sample.text, result) == []
    assert doc.numbering.value == ("supplied" if style == "none" else "printed")
    assert doc.archival.acronym == "RGANI"
    assert doc.paragraphs[-1].role.value == "source-note"


_LINE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        ["", " ", "1.", "2", "[3]", "¶ 4", "IV.", "5Text", "1 Footnote text.", "[Source: GARF]",
         "June 26, 1986", "M. Gorbachev", "self-", "adoration", "Document No. 6: X, 1986", "- 12 -",
         "Fond 1, Opis 2, Delo", "Medvedev,1 the", "¹²", "\f", "\u00ad", "\ue000"]
    ),
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, max_size=30), title=st.booleans())
def test_random_text_never_a_traceback(lines: list[str], title: bool) -> None:
    text = "\n".join(lines)
    try:
        result = import_text(text, "r.txt", CORPUS, None)
    except QuoteciteError:
        return  # a clear error is a fine answer
    assert result.document.paragraphs
    numbers = [p.number for p in result.document.paragraphs]
    assert all(numbers)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_a_traceback(data: bytes) -> None:
    try:
        import_bytes(data, "b.bin", CORPUS)
    except QuoteciteError as exc:
        assert str(exc).startswith("b.bin")
