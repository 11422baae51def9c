"""Where the domain apps plug into what the portal shares.

Domain apps never import each other. Each registers, from its AppConfig.ready(),
the things the whole portal shows: its area on the home page (with figures from
its stats.py), its public exports (which opendata publishes), its demo data,
and what it holds about a person (for "my data" and account deletion).
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


_areas: dict[str, Area] = {}
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


def register_personal_data(provider: PersonalDataProvider) -> None:
    _personal_data[provider.key] = provider


def personal_data_providers() -> list[PersonalDataProvider]:
    return list(_personal_data.values())
