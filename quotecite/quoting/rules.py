"""The quotation rules of the style families quotecite follows.

Both families mark omissions the same way (three spaced dots, after the full stop of a complete
sentence; none before a quotation that starts with a fragment, none after one that ends with
one) and bracket a changed initial capital. They differ in when a quotation is set off as a block
and where the citation goes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteRules:
    family: str  #: "chicago" or "mla"
    block_words: int  #: set off as a block quotation at this many words or more
    block_rule: str  #: the rule, for documentation and JSON
    bracket_own_omissions: bool  #: bracket our ellipses when the source has ellipses of its own

    def wants_block(self, words: int, paragraphs: int) -> bool:
        return paragraphs > 1 or words >= self.block_words


CHICAGO = QuoteRules(
    family="chicago",
    block_words=100,
    block_rule=(
        "CMOS 18 ch. 12 (CMOS 17 13.10): a prose quotation of 100 words or more, "
        "or of two or more paragraphs, is set off as a block quotation"
    ),
    bracket_own_omissions=False,
)

MLA = QuoteRules(
    family="mla",
    # MLA counts lines: prose that runs to more than four lines of the paper is set off. Four
    # lines of a double-spaced, 12-point, one-inch-margin page hold about 50 words.
    block_words=51,
    block_rule=(
        "MLA Handbook 9 ch. 6: prose running to more than four lines is set off as a block "
        "quotation; quotecite counts more than 50 words (about four lines) or two or more "
        "paragraphs"
    ),
    bracket_own_omissions=True,
)


APA = QuoteRules(
    family="apa",
    block_words=40,
    block_rule=(
        "APA Publication Manual 7 §8.27: a quotation of 40 words or more is set off as a block "
        "quotation (and, in quotecite, one of two or more paragraphs)"
    ),
    bracket_own_omissions=False,
)


def rules_for(style: str, title: str = "") -> QuoteRules:
    """The rules for a style, by its name or title: MLA's, APA's, else Chicago's."""
    key = style.lower()
    title = title.lower()
    if "mla" in key.split("-") or "modern-language" in key:
        return MLA
    if title.startswith(("mla ", "modern language")):
        return MLA
    if key.startswith("apa") or "american psychological" in title:
        return APA
    return CHICAGO
