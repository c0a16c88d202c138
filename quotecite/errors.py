"""One exception hierarchy for quotecite; each class carries its message and exit status.

Library code raises these and never prints or exits. The CLI turns them into a one-line
message on stderr and the exit status, in exactly one place (``quotecite.cli.app``).
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Documented exit statuses (README, "Exit statuses")."""

    SUCCESS = 0
    ERROR = 1  #: unexpected failure
    USAGE = 2  #: bad command line (also typer's own usage errors)
    NOT_FOUND = 3  #: no such document, paragraph, item or style
    BAD_REFERENCE = 4  #: a passage reference that does not parse
    CORPUS_ERROR = 5  #: an unreadable or malformed corpus file
    INPUT_ERROR = 6  #: a bad input file (import source, CSL-JSON items, manuscript)
    STYLE_ERROR = 7  #: a CSL style that cannot be loaded or used
    CHECK_FAILED = 8  #: check / verify found problems
    EXISTS = 9  #: refusing to overwrite without --force


class QuoteciteError(Exception):
    """Base of every error quotecite reports to a user."""

    exit_status: ExitStatus = ExitStatus.ERROR

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class NotFoundError(QuoteciteError):
    exit_status = ExitStatus.NOT_FOUND


class DocumentNotFound(NotFoundError):
    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        hint = None
        if self.suggestions:
            quoted = ", ".join(f"'{s}'" for s in self.suggestions)
            hint = f"did you mean {quoted}?"
        super().__init__(f"no document '{name}'", hint=hint)

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}; {self.hint}"


class AmbiguousDocument(NotFoundError):
    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = candidates
        shown = ", ".join(f"'{c}'" for c in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(f"'{name}' matches several documents: {shown}{more}; give more of the id")


class ParagraphNotFound(NotFoundError):
    pass


class ReferenceSyntaxError(QuoteciteError):
    exit_status = ExitStatus.BAD_REFERENCE


class CorpusError(QuoteciteError):
    """A corpus file that cannot be read or parsed; names the file and, where known, the line."""

    exit_status = ExitStatus.CORPUS_ERROR

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message_only = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class InputError(QuoteciteError):
    """A bad input file or value given by the user (import source, items file, manuscript)."""

    exit_status = ExitStatus.INPUT_ERROR


class SearchIndexError(QuoteciteError):
    """The search index cannot be opened or written (a damaged index is rebuilt, not reported)."""

    exit_status = ExitStatus.ERROR


class StyleError(QuoteciteError):
    exit_status = ExitStatus.STYLE_ERROR


class StyleNotFound(NotFoundError):
    pass


class CheckFailed(QuoteciteError):
    exit_status = ExitStatus.CHECK_FAILED


class AlreadyExists(QuoteciteError):
    exit_status = ExitStatus.EXISTS
