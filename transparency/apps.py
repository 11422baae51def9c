from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = _("Access to information and the action plan")

    def ready(self):
        from ogp_portal.core.registry import Area, register_area

        from . import stats
        from .ati import hooks as ati_hooks
        from .coeval import hooks as coeval_hooks
        from .plan import hooks as plan_hooks

        ati_hooks.ready()
        plan_hooks.ready()
        coeval_hooks.ready()
        from .ati import links as ati_links  # links across apps (core.links)

        ati_links.register()

        register_area(
            Area(
                key="transparency",
                title=_("Access to information and the action plan"),
                summary=_(
                    "Ask any public body for information under Law 31-13, follow the national action plan and help write it."
                ),
                url_name="transparency:index",
                icon="bi-eye",
                order=1,
                commitment=6,
                figures=stats.figures,
                latest=stats.latest,
            )
        )

        from . import panels

        panels.register()
