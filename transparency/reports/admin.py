"""Generated reports in the admin: OGP staff only, read-only, downloads through the staff view.

Imported from transparency/admin.py (``from .reports import admin as reports_admin``).
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import is_unscoped
from transparency.models import GeneratedReport


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):
    list_display = ("plan", "fmt", "language", "status", "created_at", "requested_by", "download")
    list_filter = ("status", "fmt", "language", "plan")
    list_select_related = ("plan", "requested_by")
    fields = (
        "plan", "fmt", "language", "status", "download", "size", "seconds", "error",
        "requested_by", "created_at", "finished_at",
    )  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        if not obj.is_ready:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.download_name())

    # Civil servants hold "view" on every transparency model: reports are for OGP staff only.
    def has_module_permission(self, request):
        return is_unscoped(request.user)

    def has_view_permission(self, request, obj=None):
        return is_unscoped(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)
