"""Import administrations from a CSV file (by default the demo list of real bodies)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ogp_portal.directory.imports import import_administrations_file

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "administrations.csv"


class Command(BaseCommand):
    help = "Create or update administrations from a CSV file (matched on slug). Load territories first."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH), help="CSV file (UTF-8)")

    def handle(self, *args, path, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        result = import_administrations_file(data)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} error(s) in {path}; nothing was saved.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Administrations: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
