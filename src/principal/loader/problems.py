"""Problems found in an input file, each located by file, line, column and field path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """`('offers', 'final', 'licenses', 0, 'unit_price')` -> `offers.final.licenses[0].unit_price`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(file)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, where it is, and what to do about it."""

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
        return f"{where}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class InputError(Exception):
    """Raised when an input file has problems; carries every problem found in one pass."""

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


def render_all(problems: Iterable[Problem]) -> str:
    return "\n".join(p.render() for p in problems)
