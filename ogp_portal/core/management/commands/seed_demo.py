"""Load the demo: territories, administrations, one account per role, then each app's data.

Idempotent: running it twice leaves the same data. Apps plug their demo in with
ogp_portal.core.registry.register_demo(key, seed, order).
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from ogp_portal.core.registry import demo_seeders


class Command(BaseCommand):
    help = "Load realistic demo data (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="Run only these seeders (by key).")

    @translation.override("en")
    def handle(self, *args, only=None, **options):
        for key, seed in demo_seeders():
            if only and key not in only:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo: {key}"))
            with transaction.atomic():
                seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
