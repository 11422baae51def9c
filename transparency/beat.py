"""Periodic tasks of the transparency app: each part keeps its own SCHEDULE (plain dicts)."""

from importlib import import_module
from importlib.util import find_spec

SCHEDULE: dict = {}
for _part in ("ati", "plan", "reports"):
    if find_spec(f"transparency.{_part}.beat") is not None:
        SCHEDULE.update(import_module(f"transparency.{_part}.beat").SCHEDULE)
