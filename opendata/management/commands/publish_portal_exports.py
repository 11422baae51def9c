from django.core.management.base import BaseCommand

from opendata.own_exports import publish_public_exports


class Command(BaseCommand):
    help = (
        "Publish every app's public exports as datasets of the portal (what the nightly task does)."
    )

    def handle(self, *args, **options):
        for dataset in publish_public_exports():
            self.stdout.write(f"  {dataset.slug}: {dataset.resources.count()} resource(s)")
        self.stdout.write(self.style.SUCCESS("Portal exports published."))
