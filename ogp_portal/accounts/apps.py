from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ogp_portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import sync_roles_after_migrate

        # New apps bring new model permissions: attach them to the roles after every migrate.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")

        from django.contrib.auth.signals import user_logged_in

        from .staff_security import record_sign_in

        user_logged_in.connect(record_sign_in, dispatch_uid="accounts.staff_sign_in")

        from ogp_portal.core.registry import register_demo

        from . import demo

        register_demo("accounts", demo.seed, order=20)
