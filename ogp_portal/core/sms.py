"""SMS backends, chosen by settings.SMS_BACKEND (a dotted path).

A real operator gateway implements BaseSmsBackend.send(); the console backend
writes messages to the log for `make run`, the locmem backend keeps them in
`outbox` for tests.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("ogp_portal.sms")


class SmsError(Exception):
    pass


class BaseSmsBackend:
    def send(self, to: str, body: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, to: str, body: str) -> None:
        logger.info("SMS to %s: %s", to, body)
        print(f"--- SMS to {to} ---\n{body}\n---", flush=True)  # noqa: T201


outbox: list[dict] = []


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, to: str, body: str) -> None:
        outbox.append({"to": to, "body": body})


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(to: str, body: str) -> None:
    if not to:
        raise SmsError("No phone number to send to.")
    get_backend().send(to, body)
