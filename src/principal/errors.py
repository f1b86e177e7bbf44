"""One exception root for everything Principal raises on purpose, and the located problem it reports.

    PrincipalError                  something the user can act on; the CLI prints its lines and exits 2
      InputError                    an input file (deal, outage log, goals, document, upload) has problems
        FileRefused                 a whole file is refused for one reason (not a document, too large, damaged,
                                    over its parsing bounds): the document readers' errors derive from it
      ShippedDataError              a file shipped with Principal (the clause model) is missing or damaged
      StoreError                    the database (principal.store.errors)
      WebError                      an HTTP answer (principal.web.errors)

Any other exception is a bug: the CLI reports it as an internal error in one line (the traceback with --debug).
Errors survive pickling with their problems (a sandboxed parser hands them back to its parent process).
This module is neutral: every layer may import it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any, ClassVar, Self

UNNAMED = "<input>"  # the file name of a refusal raised before its file is known


class PrincipalError(Exception):
    """Base of every error Principal raises on purpose; `lines()` is what the user is shown, one line each."""

    def lines(self) -> list[str]:
        return [str(self)]


_LINE_BREAKS = {ord(ch): ch.encode("unicode_escape").decode("ascii") for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}
"""Characters str.splitlines() breaks on, written as escapes so a problem always renders as one line."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, where it is, and what to do about it.

    `line` and `column` locate it in a text file; for a CSV file `line` is the row, for a document the page.
    """

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def render(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.field}: {self.message}".translate(_LINE_BREAKS)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class InputError(PrincipalError):
    """An input has problems; carries every problem found in one pass."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        ordered = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.field))
        seen: set[tuple[object, ...]] = set()
        unique: list[Problem] = []
        for problem in ordered:
            # A value inherited through `extends` fails once per offer; report it once, at its line.
            key = (problem.file, problem.line, problem.column, problem.message)
            if key not in seen:
                seen.add(key)
                unique.append(problem)
        self.problems = tuple(unique)
        super().__init__("\n".join(p.render() for p in self.problems))

    @classmethod
    def single(cls, file: str, message: str, *, field: str = "(file)", line: int | None = None) -> InputError:
        return cls([Problem(file, line, None, field, message)])

    def lines(self) -> list[str]:
        return [p.render() for p in self.problems]

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (list(self.problems),))


class FileRefused(InputError):
    """A whole file refused for one reason, as one problem: `FILE[:PAGE]: (file): REASON`.

    Code that reads bytes without knowing their file's name raises it with the reason alone; the caller that knows
    the name re-raises `exc.for_file(name)`. Subclasses name the kind of refusal; `lead` goes before every reason.
    """

    lead: ClassVar[str] = ""

    def __init__(self, reason: str, *, file: str = UNNAMED, line: int | None = None) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        super().__init__([Problem(file, line, None, "(file)", self.lead + _one_line(reason))])

    def for_file(self, file: str) -> Self:
        """The same refusal, naming `file`."""
        return type(self)(self.reason, file=file, line=self.line)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_refusal, (type(self), self.reason, self.file, self.line))


def _rebuild_refusal(cls: type[FileRefused], reason: str, file: str, line: int | None) -> FileRefused:
    return cls(reason, file=file, line=line)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class ShippedDataError(PrincipalError):
    """A data file that ships with Principal is missing or damaged; `advice` says how to get a good copy."""

    advice: ClassVar[str] = "reinstall Principal to restore the file it ships with"

    def __init__(self, path: str | PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {_one_line(reason)}; {self.advice}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))
