"""Output of ``search``, ``find`` and ``index``: plain text, JSON shapes, rich views.

Plain text marks matched words with ``**`` (no colour); the rich view makes them bold yellow.
Corpus text is data: every piece goes through ``safe`` and, for rich, into ``Text`` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotecite.render.safe import safe
from quotecite.search.lookup import HL_CLOSE, HL_OPEN, Hit

if TYPE_CHECKING:
    from rich.console import RenderableType

    from quotecite.search.find import Candidate, Piece
    from quotecite.search.index import SyncReport

MARK = "**"


def _segments(snippet: str) -> list[tuple[str, bool]]:
    """(text, highlighted) runs of a snippet; neighbouring highlights are joined."""
    snippet = snippet.replace(f"{HL_CLOSE} {HL_OPEN}", " ")
    out: list[tuple[str, bool]] = []
    pos = 0
    while pos < len(snippet):
        start = snippet.find(HL_OPEN, pos)
        if start < 0:
            out.append((snippet[pos:], False))
            break
        end = snippet.find(HL_CLOSE, start)
        end = len(snippet) if end < 0 else end
        if start > pos:
            out.append((snippet[pos:start], False))
        out.append((snippet[start + 1 : end], True))
        pos = end + 1
    return [(safe(text.replace(HL_OPEN, "").replace(HL_CLOSE, "")), hl) for text, hl in out if text]


def plain_snippet(snippet: str) -> str:
    return "".join(f"{MARK}{t}{MARK}" if hl else t for t, hl in _segments(snippet))


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "doc": hit.doc,
        "paragraph": hit.paragraph,
        "score": hit.score,
        "snippet": plain_snippet(hit.snippet),
        "citation_ref": hit.citation_ref,
    }


def _heading(doc: str, paragraph: str, title: str, date: str) -> str:
    return f"{doc} {paragraph}  {title}, {date or 'undated'}"


def render_hits(hits: list[Hit]) -> str:
    blocks = [
        f"{safe(_heading(h.doc, h.paragraph, h.title, h.date))}\n    {plain_snippet(h.snippet)}\n"
        for h in hits
    ]
    return "\n".join(blocks)


def hits_view(hits: list[Hit]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    for h in hits:
        head = Text()
        head.append(f"{h.doc} {h.paragraph}", style="bold cyan")
        head.append("  ")
        head.append(safe(h.title), style="bold")
        head.append(f", {h.date or 'undated'}", style="dim")
        body = Text("    ")
        for text, hl in _segments(h.snippet):
            body.append(text, style="bold yellow" if hl else "")
        parts.extend([head, body, Text("")])
    return Group(*parts)


# ------------------------------------------------------------------------------------ find


def candidate_json(c: Candidate, citation: str) -> dict[str, Any]:
    return {
        "doc": c.doc,
        "paragraph": c.paragraph,
        "score": c.score,
        "citation": citation,
        "differences": [d.as_dict() for d in c.differences],
    }


def word_diff(pieces: list[Piece]) -> str:
    """The compared stretch in word-diff notation: ``[-quotation-]{+source+}``."""
    out: list[str] = []
    for p in pieces:
        if p.kind == "equal":
            out.append(p.source)
        elif p.kind == "changed":
            out.append(f"[-{p.quotation}-]{{+{p.source}+}}")
        elif p.kind == "added":
            out.append(f"[-{p.quotation}-]")
        elif p.kind == "missing":
            out.append(f"{{+{p.source}+}}")
        else:  # elided
            out.append(f"[-…-]{{+{p.source}+}}")
    return safe(" ".join(out))


_LABELS = {
    "changed": "changed",
    "missing": "missing",
    "added": "added",
    "elided": "elided (…)",
}


def difference_lines(c: Candidate) -> list[str]:
    lines: list[str] = []
    for d in c.differences:
        label = f"{_LABELS[d.kind]:<11}"
        if d.kind == "changed":
            lines.append(f"  {label}“{d.quotation}” → “{d.source}”")
        elif d.kind == "added":
            lines.append(f"  {label}“{d.quotation}” (not in the source)")
        else:
            lines.append(f"  {label}“{d.source}”")
    return [safe(x) for x in lines]


def render_find(candidates: list[Candidate], citation: str) -> str:
    best = candidates[0]
    lines = [
        f"Best match: {best.doc} {best.paragraph} (score {best.score:.1f})",
        safe(f"{best.title}, {best.date or 'undated'}"),
        "",
        "Citation:",
        f"  {safe(citation)}",
        "",
    ]
    if best.differences:
        lines.append("Differences from the source, word by word (quotation → source):")
        lines.extend(difference_lines(best))
        lines.append("")
        lines.append("Compared ([-quotation-]{+source+}):")
        lines.append(f"  {word_diff(best.pieces)}")
    else:
        lines.append("The words match the source (case, punctuation and quote marks aside).")
    if len(candidates) > 1:
        lines.extend(["", "Other candidates:"])
        for k, c in enumerate(candidates[1:], start=2):
            lines.append(safe(f"  {k}. {c.doc} {c.paragraph}  score {c.score:.1f}  {c.title}"))
    return "\n".join(lines) + "\n"


def find_view(candidates: list[Candidate], citation: str) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    best = candidates[0]
    parts: list[RenderableType] = []
    head = Text("Best match: ", style="bold")
    head.append(f"{best.doc} {best.paragraph}", style="bold cyan")
    head.append(f"  score {best.score:.1f}", style="dim")
    parts.append(head)
    parts.append(Text(safe(f"{best.title}, {best.date or 'undated'}"), style="dim"))
    parts.append(Text(""))
    parts.append(Text("Citation", style="bold"))
    parts.append(Text("  " + safe(citation)))
    parts.append(Text(""))
    if best.differences:
        parts.append(Text("Differences from the source (quotation → source)", style="bold"))
        line = Text("  ")
        for p in best.pieces:
            if p.kind == "equal":
                line.append(safe(p.source) + " ")
                continue
            if p.quotation and p.kind != "elided":
                line.append(safe(p.quotation), style="red strike")
                line.append(" ")
            line.append("… " if p.kind == "elided" else "", style="red")
            if p.source:
                line.append(safe(p.source), style="green underline")
                line.append(" ")
        parts.append(line)
        for row in difference_lines(best):
            parts.append(Text(row, style="dim"))
    else:
        parts.append(Text("The words match the source (case, punctuation and quote marks aside)."))
    if len(candidates) > 1:
        parts.append(Text(""))
        parts.append(Text("Other candidates", style="bold"))
        for k, c in enumerate(candidates[1:], start=2):
            other = Text(f"  {k}. ")
            other.append(f"{c.doc} {c.paragraph}", style="cyan")
            other.append(f"  {c.score:.1f}  ", style="dim")
            other.append(safe(c.title))
            parts.append(other)
    return Group(*parts)


# ------------------------------------------------------------------------------------ index


def report_json(report: SyncReport, documents: int, paragraphs: int) -> dict[str, Any]:
    return {
        "files": report.files,
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged": report.files - report.added - report.updated,
        "documents": documents,
        "paragraphs": paragraphs,
        "errors": [{"file": f, "message": m} for f, m in report.errors],
    }


def render_report(report: SyncReport, documents: int, paragraphs: int) -> str:
    return (
        f"{report.files} files: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed; index holds {documents} documents, {paragraphs} paragraphs\n"
    )
