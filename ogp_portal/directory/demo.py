"""Demo data of the directory: every territory and a list of real administrations."""

from django.core.management import call_command


def seed(stdout) -> None:
    call_command("load_territories", stdout=stdout)
    call_command("load_administrations", stdout=stdout)
