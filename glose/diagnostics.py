"""Messages for the user: `path:line: what is wrong; what to do`, collected, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from .i18n import _


class Severity(str, Enum):
    """How bad a diagnostic is: errors stop the build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one place of one file."""

    path: str
    """File path relative to the project root (or a folder, or the project itself)."""
    line: int
    """1-based line number; 0 when the problem concerns the whole file."""
    message: str
    """What is wrong; what to do (the two halves separated by "; ")."""
    severity: Severity = Severity.ERROR
    """ERROR stops the build; WARNING is reported and the build goes on."""

    def __str__(self) -> str:
        """`path:line: message`, in the language spoken now (glose/i18n.py): the path comes
        first in every language, so that editors can jump to it."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = _("warning: ") if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}"


@dataclass
class Report:
    """Collects every diagnostic of a run so that all of them are shown together."""

    items: list[Diagnostic] = field(default_factory=list)
    """Every diagnostic added so far, in the order found."""

    def error(self, path: str, line: int, message: str) -> None:
        """Record an error at path:line."""
        self.items.append(Diagnostic(path, line, message, Severity.ERROR))

    def warning(self, path: str, line: int, message: str) -> None:
        """Record a warning at path:line."""
        self.items.append(Diagnostic(path, line, message, Severity.WARNING))

    def extend(self, other: "Report") -> None:
        """Add every diagnostic of another report."""
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that stop the build."""
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that do not stop the build."""
        return [d for d in self.items if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in a stable order: by path, then line, then message."""
        return sorted(self.items, key=lambda d: (d.path, d.line, d.message))


class InputError(Exception):
    """Raised by the pipeline when the input has errors; carries every diagnostic of the run."""

    def __init__(self, report: Report):
        super().__init__(f"{len(report.errors)} error(s) in the input")
        self.report = report
