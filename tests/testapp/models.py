"""A stand-in for user content (comments, ideas) so core moderation is tested on a real table.

Installed only under pytest (see settings.TESTING); it has no migrations, so
pytest-django creates its table directly.
"""

from django.db import models

from ogp_portal.core.models import Moderatable


class Remark(Moderatable):
    text = models.TextField()

    class Meta:
        app_label = "testapp"

    def __str__(self) -> str:
        return self.text[:40]
