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
class AdministrationPanel:
    """A section of an administration's public page that a domain app fills.

    context(administration) returns the template context, or None to show nothing.
    """

    key: str
    title: Any
    template: str
    context: Callable[[Any], dict | None]
    order: int = 100


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
