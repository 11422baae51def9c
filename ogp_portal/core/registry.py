"""Where the domain apps plug into what the portal shares.

Domain apps never import each other. Each registers, from its AppConfig.ready(),
the things the whole portal shows: its area on the home page (with figures from
its stats.py), its public exports (which opendata publishes as datasets), its demo
data, and what it holds about a person (for "my data" and account deletion).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Figure:
    label: Any  # lazy translated string
    value: int | float | str
    unit: Any = ""


@dataclass(frozen=True)
class LatestItem:
    title: str
    url: str
    date: Any = None
    badge: Any = ""


@dataclass(frozen=True)
class Area:
    key: str
    title: Any
    summary: Any
    url_name: str
    icon: str
    order: int
    commitment: int  # the 2018-2020 action plan commitment the app carries
    figures: Callable[[], list[Figure]]
    latest: Callable[[int], list[LatestItem]] = field(default=lambda limit: [])


@dataclass(frozen=True)
class PersonalDataProvider:
    """What one app holds about a person: export() -> JSON-able dict; anonymise(user)."""

    key: str
    export: Callable[[Any], dict]
    anonymise: Callable[[Any], None]


@dataclass(frozen=True)
class PublicExport:
    """A public, aggregate or anonymised table an app offers; opendata publishes it as a dataset.

    build() returns (headers, rows) with nothing personal in them.
    """

    key: str  # e.g. "petitions-signature-counts"; unique, stable (it becomes a dataset slug)
    app: str
    title: Any
    description: Any
    build: Callable[[], tuple[list, Any]]
    frequency: str = "daily"
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PanelLink:
    label: Any
    url: str


@dataclass
class PanelContent:
    """What a standard panel shows for one administration (templates/directory/_panel.html).

    figures: 2 to 4 Figures; links: the app's list filtered on the administration first;
    breakdown: (label, count) pairs (e.g. counts by status); items: LatestItems; empty: the
    message shown instead of figures when the app has nothing for the administration.
    Aggregates only: nothing personal.
    """

    figures: list = field(default_factory=list)
    links: list = field(default_factory=list)
    breakdown: list = field(default_factory=list)
    breakdown_title: Any = ""
    items: list = field(default_factory=list)
    items_title: Any = ""
    empty: Any = ""
    note: Any = ""


@dataclass(frozen=True)
class CompareColumn:
    """One figure of a panel in the comparison table of administrations of the same kind.

    key: a key of the dicts summary() returns; kinds: the administration kinds the column
    applies to (empty: every kind); unit: shown after the value ("%", "/ 100"); default: the
    value of an administration summary() says nothing about (0 for a count; None, shown as a
    dash and sorted last, for a rate, a median or a suppressed figure).
    """

    key: str
    label: Any
    unit: Any = ""
    kinds: tuple[str, ...] = ()
    default: Any = None

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


STANDARD_PANEL_TEMPLATE = "directory/_panel.html"


@dataclass(frozen=True)
class AdministrationPanel:
    """A section of an administration's public page that a domain app fills.

    context(administration) returns the template context, or None to show nothing.
    summary(administrations) -> {administration pk: {figure key: value}} for many at once, in a
    constant number of queries (no query per administration); `columns` say which of those
    figures the directory's comparison page shows. A panel without summary is not compared.
    Registering a key again replaces the panel.
    """

    key: str
    title: Any
    template: str
    context: Callable[[Any], dict | None]
    order: int = 100
    summary: Callable[[Any], dict] | None = None
    columns: tuple[CompareColumn, ...] = ()


def standard_panel(
    key: str,
    title: Any,
    *,
    content: Callable[[Any], PanelContent],
    summary: Callable[[Any], dict],
    columns: tuple[CompareColumn, ...],
    order: int = 100,
) -> AdministrationPanel:
    """A panel drawn by the directory's standard template from content(administration)."""
    return AdministrationPanel(
        key=key,
        title=title,
        template=STANDARD_PANEL_TEMPLATE,
        context=lambda administration: {"content": content(administration)},
        order=order,
        summary=summary,
        columns=columns,
    )


_areas: dict[str, Area] = {}
_panels: dict[str, AdministrationPanel] = {}
_exports: dict[str, PublicExport] = {}
_demo: dict[str, tuple[int, Callable]] = {}
_personal_data: dict[str, PersonalDataProvider] = {}


def register_area(area: Area) -> None:
    _areas[area.key] = area


def areas() -> list[Area]:
    return sorted(_areas.values(), key=lambda a: a.order)


def register_demo(key: str, seed: Callable, order: int = 100) -> None:
    """seed(stdout) creates the app's demo data; it must be idempotent."""
    _demo[key] = (order, seed)


def demo_seeders() -> list[tuple[str, Callable]]:
    return [(key, seed) for key, (order, seed) in sorted(_demo.items(), key=lambda kv: kv[1][0])]


def register_export(export: PublicExport) -> None:
    _exports[export.key] = export


def public_exports() -> list[PublicExport]:
    return sorted(_exports.values(), key=lambda e: (e.app, e.key))


def register_administration_panel(panel: AdministrationPanel) -> None:
    _panels[panel.key] = panel


def comparable_panels() -> list[AdministrationPanel]:
    """The panels that can summarise many administrations at once, in order."""
    return [p for p in sorted(_panels.values(), key=lambda p: p.order) if p.summary is not None]


def administration_panels(administration) -> list[tuple[AdministrationPanel, dict]]:
    """The panels that have something to show for this administration, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        context = panel.context(administration)
        if context is not None:
            shown.append((panel, context))
    return shown


def register_personal_data(provider: PersonalDataProvider) -> None:
    _personal_data[provider.key] = provider


def personal_data_providers() -> list[PersonalDataProvider]:
    return list(_personal_data.values())
