from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "ogp_portal.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from ogp_portal.core.registry import register_demo

        from .demo import seed

        register_demo("directory", seed, order=10)
