"""Thin Celery tasks: they call petitions.counting and petitions.services."""

from celery import shared_task


@shared_task(name="petitions.count_new_signatures")
def count_new_signatures() -> int:
    from .counting import count_new_signatures as run

    added = run()
    return sum(added.values()) if added else 0


@shared_task(name="petitions.send_signature_confirmations")
def send_signature_confirmations() -> int:
    """Every few seconds (beat): batches of confirmation emails until the queue is empty or
    the interval is spent (the next run takes over; concurrent runs skip each other's rows)."""
    import time

    from .beat import CONFIRMATION_INTERVAL
    from .services import send_signature_confirmations as run

    deadline, sent = time.monotonic() + CONFIRMATION_INTERVAL, 0
    while time.monotonic() < deadline:
        batch = run()
        sent += batch
        if not batch:
            break
    return sent


@shared_task(name="petitions.recount_all")
def recount_all() -> int:
    from .counting import recount_all as run

    return len(run())


@shared_task(name="petitions.expire_due")
def expire_due() -> int:
    from .services import expire_due as run

    return run()


@shared_task(name="petitions.erase_signer_data")
def erase_signer_data() -> int:
    from .services import erase_due_signer_data

    return erase_due_signer_data()


@shared_task(name="petitions.report_clusters")
def report_clusters() -> int:
    from .abuse import report_clusters as run

    return run()


@shared_task(name="petitions.remind_reviewers")
def remind_reviewers() -> int:
    from .services import remind_reviewers as run

    return run()
