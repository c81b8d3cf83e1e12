"""What an importable/exportable kind declares: its columns, how a row becomes a record, how it is written.

Each domain app subclasses `Kind` in its own bulk.py and registers it; the engine never imports a domain app.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from khuyenhoc.core.scope import Action, Scope


@dataclass(frozen=True)
class Column:
    """One column of a kind's files: the field it fills and the headers that name it."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: str = ""
    choices: tuple[str, ...] = ()  # a closed list: a drop-down in the template
    help: str = ""
    width: int = 18
    # Personal data ("cccd", "birth", "phone"): masked in exports unless the full version is asked for
    # by someone allowed to (core.privacy), and a masked cell is refused on import.
    personal: str = ""


class RowError(Exception):
    """Why one row cannot be imported: the field (column) and a Vietnamese message."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = str(message)


@dataclass
class ImportContext:
    """What a kind may use while importing: who imports, in which scope, under which unit."""

    actor: Any
    scope: Scope
    org: Any = None  # the unit named by --org (an OrgNode), if any
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    """What writing a batch did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: dict[int, "RowError"] = field(default_factory=dict)  # rows refused while writing


@dataclass
class Pending:
    """A parsed row waiting to be resolved against the database and written."""

    row_number: int
    data: dict[str, Any]
    target: Any = None  # the existing record it updates, once resolved


class Kind(ABC):
    """Base class of an importable and exportable kind of record."""

    name: ClassVar[str]
    label: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    # What the policy (core.scope) must allow the importing user: its services check it row by row,
    # the upload page before the file is taken.
    action: ClassVar[str] = Action.CHANGE
    # Store each batch on a background thread while the next is parsed (bulk/pipeline.py). Only for
    # kinds whose parsing never reads what earlier rows of the same file wrote.
    pipelined: ClassVar[bool] = False
    # Parse large files in a second process (bulk/parallel.py). Only for kinds whose parsing reads
    # nothing that earlier rows of the same file wrote, and whose parsed data pickles cheaply (plain
    # values and ids, not model instances): every parsed row crosses a pipe.
    parallel: ClassVar[bool] = False

    def header_spec(self) -> dict[str, list[str]]:
        """Field → the header texts that may name it."""
        return {c.field: [c.header, *c.aliases] for c in self.columns}

    def required_fields(self) -> set[str]:
        return {c.field for c in self.columns if c.required}

    def choices_for(self, column: Column) -> list[str]:
        """The closed list of values of a column (a drop-down in the template); none by default."""
        return list(column.choices)

    def prepare(self, ctx: ImportContext) -> None:  # noqa: B027  (optional hook)
        """Load what parsing needs (look-up tables), once per run."""

    @abstractmethod
    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        """Turn one row's raw cells (by field) into clean data; raise RowError."""

    def resolve(self, batch: list[Pending], ctx: ImportContext) -> dict[int, RowError]:
        """Find the records the batch updates (set `target`); errors by row number."""
        return {}

    @abstractmethod
    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        """Create or update the batch's records (inside the run's transaction)."""

    @abstractmethod
    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Iterable[Any]:
        """The records to export, inside `scope` (and under `org`)."""

    @abstractmethod
    def export_row(self, record: Any) -> list[Any]:
        """One record as cells, in the order of `columns`."""

    @property
    def has_personal(self) -> bool:
        """Whether the kind's files carry personal data (masked unless exported in full)."""
        return any(c.personal for c in self.columns)

    def export_rows(self, records: Iterable[Any]) -> Iterator[list[Any]]:
        for record in records:
            yield self.export_row(record)
