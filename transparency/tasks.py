"""Celery discovers tasks here; each part keeps its own."""

from .ati.tasks import *  # noqa: F403
from .plan.tasks import *  # noqa: F403
from .reports.tasks import *  # noqa: F403
