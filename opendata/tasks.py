from celery import shared_task


@shared_task
def publish_public_exports() -> int:
    """Nightly: refresh the datasets built from the apps' public exports."""
    from .own_exports import publish_public_exports as publish

    return len(publish())
