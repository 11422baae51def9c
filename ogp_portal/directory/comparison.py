"""The comparison of administrations of one kind: key figures of every app, side by side.

Each comparable panel (core.registry: a panel with summary() and columns) summarises all the
administrations at once, so the number of queries does not grow with the number of rows.
Missing figures (nothing to count, a suppressed cell) sort last in either direction.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from ogp_portal.core.registry import CompareColumn, comparable_panels

from .models import TERRITORIAL_KINDS, Administration

NAME = "name"


@dataclass(frozen=True)
class DirectoryFigures:
    """The directory's own group of columns, before the apps' panels: a council's population
    (what its per-inhabitant figures divide by)."""

    key: str
    title: Any


TERRITORY = DirectoryFigures("territory", _("Territory"))
POPULATION = CompareColumn(
    "population", _("Population (2024 census)"), kinds=TERRITORIAL_KINDS, default=None
)


@dataclass(frozen=True)
class Column:
    id: str  # "<panel key>.<figure key>", the ?sort= value
    panel: object
    column: object

    @property
    def csv_header(self) -> str:
        return f"{self.panel.key}_{self.column.key}".replace("-", "_").replace(".", "_")


@dataclass
class Row:
    administration: Administration
    values: list = field(default_factory=list)


@dataclass
class Comparison:
    kind: str
    columns: list[Column]
    rows: list[Row]
    sort: str
    descending: bool

    def panels(self) -> list[tuple[object, int]]:
        """(panel, number of its columns) in column order, for the grouped header."""
        groups: list[list] = []
        for column in self.columns:
            if groups and groups[-1][0] is column.panel:
                groups[-1][1] += 1
            else:
                groups.append([column.panel, 1])
        return [(panel, span) for panel, span in groups]


def administrations_of(kind: str, region: str = ""):
    queryset = (
        Administration.objects.active()
        .filter(kind=kind)
        .select_related("region", "province", "commune")
        .order_by("name", "pk")
    )
    if region:
        queryset = queryset.filter(region__code=region)
    return queryset


def compare(kind: str, *, region: str = "", sort: str = NAME, descending: bool = False):
    administrations = list(administrations_of(kind, region))
    columns: list[Column] = []
    values: dict[int, list] = {a.pk: [] for a in administrations}
    if POPULATION.applies_to(kind):
        # Read from the territories loaded with the administrations: no query per row.
        columns.append(Column(f"{TERRITORY.key}.{POPULATION.key}", TERRITORY, POPULATION))
        for administration in administrations:
            values[administration.pk].append(administration.population)
    for panel in comparable_panels():
        shown = [c for c in panel.columns if c.applies_to(kind)]
        if not shown:
            continue
        summary = panel.summary(administrations) if administrations else {}
        for column in shown:
            columns.append(Column(f"{panel.key}.{column.key}", panel, column))
            for administration in administrations:
                figures = summary.get(administration.pk)
                value = figures.get(column.key) if figures else column.default
                values[administration.pk].append(value)
    rows = [Row(a, values[a.pk]) for a in administrations]

    ids = [c.id for c in columns]
    if sort in ids:
        index = ids.index(sort)
        present = [r for r in rows if r.values[index] is not None]
        missing = [r for r in rows if r.values[index] is None]
        present.sort(key=lambda r: r.values[index], reverse=descending)
        rows = present + missing
    else:
        sort = NAME
        rows.sort(key=lambda r: str(r.administration.name).casefold(), reverse=descending)
    return Comparison(kind=kind, columns=columns, rows=rows, sort=sort, descending=descending)


def csv_table(comparison: Comparison) -> tuple[list[str], list[list]]:
    headers = ["administration", "name_ar", "name_fr", *(c.csv_header for c in comparison.columns)]
    rows = [
        [row.administration.slug, row.administration.name_ar, row.administration.name_fr]
        + row.values
        for row in comparison.rows
    ]
    return headers, rows
