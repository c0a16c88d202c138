"""``quotecite quote`` output in every format, and that it pastes into real documents: Markdown
and LaTeX rendered by pandoc / pdflatex, HTML parsed, RTF decoded."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

PANDOC = shutil.which("pandoc")
PDFLATEX = shutil.which("pdflatex")
needs_pandoc = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (apt-get install pandoc)"
)

NOTE16 = (
    "Mikhail Gorbachev, “Memorandum from Mikhail Gorbachev to the CC CPSU Politburo on Topical "
    "Questions regarding Collaboration with Socialist Countries,” June 26, 1986, trans. Anna "
    "Melyakova, doc. 6 in *Masterpieces of History: The Peaceful End of the Cold War in Europe, "
    "1989*, ed. Svetlana Savranskaya et al., National Security Archive Cold War Readers (Central "
    "European University Press, 2010), para. 16."
)
E = ".\u00a0.\u00a0."  # the ellipsis: three full stops, non-breaking spaces between them
FULFILL = (
    "we must fulfill this role not through exhortation and especially not through directives, "
    "but through ideological-political influence, constructive initiatives to deepen "
    "collaboration, the power of our example"
)


def quote(qc: Any, *args: str) -> str:
    r = qc("quote", *args)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    return str(r.stdout)


# ------------------------------------------------------------------ exact outputs
def test_markdown_run_in_with_footnote(qc: Any) -> None:
    out = quote(qc, "doc6", "16", "--words", "we must fulfill … our example")
    assert out == f"“{FULFILL}”[^1]\n\n[^1]: {NOTE16}\n"


def test_markdown_block_with_bracketed_capital(qc: Any) -> None:
    out = quote(qc, "doc6", "16", "--words", "we must fulfill … our example", "--block")
    assert out == f"> \\[W\\]e{FULFILL[2:]}[^1]\n\n[^1]: {NOTE16}\n"


def test_markdown_inner_quotes_become_single(qc: Any) -> None:
    out = quote(qc, "garf", "3", "--sentences", "2")
    assert out.startswith(
        "“Yes, imperialism tried to isolate the first socialist country in the world in all "
        "respects, to erect barriers against our ideological and cultural influence, and to put "
        "us behind an ‘iron curtain.’”[^1]\n\n[^1]: Notes on the new political thinking, n.d., "
        "f. 10063, op. 1, d. 190, para. 3,"
    )


def test_block_quotation_keeps_double_quotes(qc: Any) -> None:
    out = quote(qc, "garf", "3", "--sentences", "2", "--block")
    assert "behind an “iron curtain.”[^1]" in out
    assert out.startswith("> Yes, imperialism")


def test_mla_in_text_citation_and_period_after_it(qc: Any) -> None:
    out = quote(qc, "doc6", "15", "--sentences", "1", "--initial", "lower", "--style", "mla")
    assert out == (
        "“\\[t\\]his conclusion suggests itself: a genuine turning point in the entire system of "
        "collaboration with our allies is needed” (Gorbachev, par. 15).\n"
    )


def test_mla_block_citation_after_final_punctuation(qc: Any) -> None:
    out = quote(qc, "doc6", "12-13", "--sentences", "1,5", "--style", "mla", "-f", "text")
    assert out == (
        "    We should admit honestly that Moscow has been viewed as a kind of conservative power "
        f"that hindered reforms that were ripe for implementation. {E}\n\n"
        "    All of these shortcomings have built up over the years and have done real damage. "
        "(Gorbachev, pars. 12–13)\n"
    )


def test_plain_text_footnote(qc: Any) -> None:
    out = quote(
        qc,
        "doc6",
        "16",
        "--words",
        "we must fulfill … directives",
        "--words",
        "the power of our example",
        "-f",
        "text",
    )
    first, note = out.split("\n\n")
    assert first == (
        "“we must fulfill this role not through exhortation and especially not through "
        f"directives {E} the power of our example”¹"
    )
    assert note.startswith("¹ Mikhail Gorbachev, “Memorandum from")
    assert note.endswith("(Central European University Press, 2010), para. 16.\n")


def test_latex_enquote_and_footnote(qc: Any) -> None:
    out = quote(qc, "garf", "2", "--words", "All efforts … doomed", "-f", "latex")
    assert out.startswith(
        "\\enquote{All efforts to assert such \\enquote{freedom} are doomed}\\footnote{Notes on "
        "the new political thinking, n.d., f. 10063, op. 1, d. 190, para. 2,"
    )


def test_latex_escapes_and_keeps_double_hyphens(qc: Any) -> None:
    out = quote(qc, "garf", "3", "--sentences", "1,13", "-f", "latex", "--block")
    assert out.startswith("\\begin{quote}\nWe have not yet fully assessed")
    # sentence 13 is in the fifth sub-paragraph of ¶3: the omission ends the first paragraph
    # and begins the second (CMOS), and "--" stays two hyphens
    assert "half a century. .~.~.\n\n.~.~. This kind of situation -{}- from ideology" in out
    assert out.rstrip().endswith("\\end{quote}")


def test_html_run_in(qc: Any) -> None:
    out = quote(qc, "doc6", "15", "--sentences", "1", "-f", "html")
    quote_html, notes = out.split("\n\n")
    assert quote_html == (
        "“This conclusion suggests itself: a genuine turning point in the entire system of "
        'collaboration with our allies is needed.”<sup class="footnote-ref"><a href="#qc-fn-1" '
        'id="qc-fn-1-ref" role="doc-noteref">1</a></sup>'
    )
    assert notes.startswith(
        '<section class="footnotes" role="doc-endnotes">\n<ol>\n<li id="qc-fn-1">'
    )


def test_rtf_document(qc: Any) -> None:
    out = quote(qc, "doc6", "15", "--sentences", "1", "-f", "rtf")
    assert out.startswith("{\\rtf1\\ansi")
    assert "\\u8220?This conclusion suggests itself" in out
    assert "{\\super\\chftn}{\\footnote\\pard\\plain\\f0\\fs20 {\\super\\chftn} Mikhail" in out
    assert balanced(out)
    text = rtf_text(out)
    assert "“This conclusion suggests itself: a genuine turning point" in text
    assert "Masterpieces of History" in text


# ------------------------------------------------------------------ pasted into documents
@needs_pandoc
def test_markdown_pastes_into_a_pandoc_document(qc: Any, tmp_path: Path) -> None:
    run_in = quote(qc, "doc6", "15", "--sentences", "1", "--initial", "lower")
    block = quote(qc, "doc6", "12-13", "--sentences", "1,5")
    q1, n1 = run_in.rstrip("\n").split("\n\n")
    q2, n2 = block.rstrip("\n").split("\n\n")
    n2 = n2.replace("[^1]", "[^2]")
    q2 = q2.replace("[^1]", "[^2]")
    doc = f"Gorbachev concluded that {q1} The memo opens:\n\n{q2}\n\n{n1}\n\n{n2}\n"
    html = pandoc(doc, "markdown", "html", tmp_path)
    assert (
        "<p>Gorbachev concluded that “[t]his conclusion suggests itself: a genuine turning point "
        "in the entire system of collaboration with our allies is needed.”"
        '<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>'
        " The memo opens:</p>"
    ) in html
    assert re.search(
        r"<blockquote>\s*<p>We should admit honestly .*?implementation\. \. \. \.</p>\s*"
        r"<p>All of these shortcomings have built up over the years and have done real damage\."
        r'<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>'
        r"\s*</blockquote>",
        html.replace("\u00a0", " "),
        re.S,
    )
    title = "Masterpieces of History: The Peaceful End of the Cold War in Europe, 1989"
    assert f"<em>{title}</em>" in html
    assert html.count('role="doc-backlink"') == 2


@needs_pandoc
def test_markdown_special_characters_survive_pandoc(qc: Any, tmp_path: Path) -> None:
    out = quote(qc, "garf", "3", "--sentences", "13")
    html = pandoc(out, "markdown", "plain", tmp_path)
    assert "This kind of situation -- from ideology to the economy -- could not be called" in html


@needs_pandoc
def test_latex_parses_with_pandoc(qc: Any, tmp_path: Path) -> None:
    out = quote(qc, "garf", "2", "--words", "All efforts … doomed", "-f", "latex")
    doc = (
        "\\documentclass{article}\n\\usepackage{csquotes}\n\\begin{document}\n"
        f"He wrote that {out}\n\\end{{document}}\n"
    )
    text = pandoc(doc, "latex", "plain", tmp_path)
    assert "He wrote that “All efforts to assert such ‘freedom’ are doomed”[1]" in text
    assert "[1] Notes on the new political thinking, n.d., f. 10063, op. 1, d. 190, para. 2," in (
        text
    )


@pytest.mark.skipif(
    PDFLATEX is None,
    reason="pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-extra)",
)
def test_latex_compiles(qc: Any, tmp_path: Path) -> None:
    if subprocess.run(["kpsewhich", "csquotes.sty"], capture_output=True).returncode != 0:
        pytest.skip("csquotes is not installed (apt-get install texlive-latex-extra)")
    run_in = quote(qc, "garf", "2", "--words", "All efforts … doomed", "-f", "latex")
    block = quote(qc, "doc6", "12-13", "--sentences", "1,3,5", "-f", "latex")
    upper = quote(
        qc, "doc6", "16", "--words", "we must fulfill … example", "--block", "-f", "latex"
    )
    doc = (
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{csquotes}\n"
        f"\\begin{{document}}\nHe wrote that {run_in} and:\n{block}\n{upper}\n\\end{{document}}\n"
    )
    (tmp_path / "q.tex").write_text(doc, encoding="utf-8")
    r = subprocess.run(
        [str(PDFLATEX), "-interaction=nonstopmode", "-halt-on-error", "q.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    log = (tmp_path / "q.log").read_text(encoding="utf-8", errors="replace")
    assert r.returncode == 0, log[-2000:]
    assert (tmp_path / "q.pdf").stat().st_size > 1000
    assert "Undefined control sequence" not in log
    assert "Missing character" not in log


def test_html_structure(qc: Any) -> None:
    out = quote(qc, "doc6", "12-13", "--sentences", "1,5", "-f", "html")
    tree = Tree()
    tree.feed(f"<body>{out}</body>")
    assert tree.errors == []
    paths = tree.paths
    assert ("body", "blockquote", "p") in paths
    assert ("body", "blockquote", "p", "sup", "a") in paths
    assert ("body", "section", "ol", "li", "p", "i") in paths
    assert tree.attrs["a"][0] == {"href": "#qc-fn-1", "id": "qc-fn-1-ref", "role": "doc-noteref"}
    assert {"id": "qc-fn-1"} in tree.attrs["li"]
    assert tree.text("blockquote").strip().startswith("We should admit honestly that Moscow")


# ------------------------------------------------------------------ helpers
def pandoc(text: str, src: str, dst: str, tmp: Path) -> str:
    path = tmp / ("in.tex" if src == "latex" else "in.md")
    path.write_text(text, encoding="utf-8")
    r = subprocess.run(
        [str(PANDOC), "-f", src, "-t", dst, "--wrap=none", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr
    return r.stdout


class Tree(HTMLParser):
    VOID = frozenset({"br", "img", "hr", "meta"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.paths: set[tuple[str, ...]] = set()
        self.attrs: dict[str, list[dict[str, str | None]]] = {}
        self.errors: list[str] = []
        self.texts: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.paths.add(tuple(self.stack))
        self.attrs.setdefault(tag, []).append(dict(attrs))
        if tag in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> in {self.stack}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for tag in self.stack:
            self.texts.setdefault(tag, []).append(data)

    def text(self, tag: str) -> str:
        return "".join(self.texts.get(tag, []))


def balanced(rtf: str) -> bool:
    depth = 0
    i = 0
    while i < len(rtf):
        ch = rtf[i]
        if ch == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0


def rtf_text(rtf: str) -> str:
    """The text of a simple RTF document: \\uN? decoded, control words dropped."""

    def unicode(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return chr(n + 65536 if n < 0 else n)

    text = re.sub(r"\\u(-?\d+)\?", unicode, rtf)
    text = text.replace("\\~", "\u00a0").replace("\\{", "\x01").replace("\\}", "\x02")
    text = re.sub(r"\\[a-z]+-?\d* ?", "", text)
    text = re.sub(r"\{\\\*[^{}]*\}", "", text)
    text = re.sub(r"\{\\fonttbl.*?;\}\}", "", text)
    return text.replace("{", "").replace("}", "").replace("\x01", "{").replace("\x02", "}")
