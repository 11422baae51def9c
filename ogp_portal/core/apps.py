from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ogp_portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        # Connects the signals that keep the holiday cache in step with the official table.
        from . import deadlines  # noqa: F401
