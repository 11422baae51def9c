"""One mixin that keeps a civil servant inside their own administration in the admin.

A ModelAdmin names the path from its model to the Administration
(`scope_path = "administration"`, or "request__administration", or "" for the
Administration model itself). For a scoped user the changelist, change, delete
and history views, foreign-key choices, list filters and exports all go through
the scoped queryset; anything outside it is a 404, so its existence is not revealed.
OGP staff and superusers are unscoped.
"""

from django.contrib import admin
from django.contrib.admin.utils import label_for_field, lookup_field
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import is_unscoped

from .exports import export_response


def scope_queryset(queryset, user, scope_path: str):
    if is_unscoped(user):
        return queryset
    administration_id = getattr(user, "administration_id", None)
    if not administration_id:
        return queryset.none()
    lookup = f"{scope_path}__pk" if scope_path else "pk"
    scoped = queryset.filter(**{lookup: administration_id})
    # Paths through many-to-many relations can repeat rows.
    return scoped.distinct() if "__" in scope_path else scoped


def _export_rows(modeladmin, request, queryset):
    """Headers and rows of the changelist columns, for the selected (and scoped) objects."""
    fields = [f for f in modeladmin.get_list_display(request) if f != "action_checkbox"]
    headers = [str(label_for_field(f, modeladmin.model, modeladmin)) for f in fields]
    rows = []
    for obj in queryset:
        row = []
        for name in fields:
            _field, _attr, value = lookup_field(name, obj, modeladmin)
            row.append(
                value if isinstance(value, int | float | bool) or value is None else str(value)
            )
        rows.append(row)
    return headers, rows


def _export(modeladmin, request, queryset, fmt):
    headers, rows = _export_rows(modeladmin, request, queryset)
    stamp = timezone.localdate().isoformat()
    filename = f"{modeladmin.model._meta.model_name}-{stamp}.{fmt}"
    return export_response(
        fmt, filename, headers, rows, **({"rtl": get_language_bidi()} if fmt == "xlsx" else {})
    )


@admin.action(description=_("Export selected as CSV"))
def export_selected_csv(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "csv")


@admin.action(description=_("Export selected as XLSX"))
def export_selected_xlsx(modeladmin, request, queryset):
    return _export(modeladmin, request, queryset, "xlsx")


class AdministrationScopedAdmin(admin.ModelAdmin):
    scope_path: str = "administration"
    # The admin runs actions on get_queryset() filtered by the selection, so exports are scoped too.
    actions = [export_selected_csv, export_selected_xlsx]
    # List filters on these fields are dropped for scoped users (they would list every administration).
    scoped_list_filters: tuple[str, ...] = ("administration",)

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user, self.scope_path)

    def _ensure_in_scope(self, request, object_id):
        if object_id is None or is_unscoped(request.user):
            return
        model = self.model
        try:
            pk = model._meta.pk.to_python(object_id)
        except Exception:  # noqa: BLE001 - malformed ids are simply not found
            raise Http404 from None
        if not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._ensure_in_scope(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._ensure_in_scope(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._ensure_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's view of one past version.
        self._ensure_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if is_unscoped(request.user):
            return filters
        return [
            f
            for f in filters
            if (f[0] if isinstance(f, tuple | list) else f) not in self.scoped_list_filters
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from ogp_portal.directory.models import Administration

        if db_field.related_model is Administration and not is_unscoped(request.user):
            kwargs["queryset"] = Administration.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        from ogp_portal.directory.models import Administration

        if db_field.related_model is Administration and not is_unscoped(request.user):
            kwargs["queryset"] = Administration.objects.visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # A scoped user's new object belongs to their administration.
        if (
            not change
            and self.scope_path == "administration"
            and not is_unscoped(request.user)
            and getattr(obj, "administration_id", None) is None
        ):
            obj.administration_id = request.user.administration_id
        super().save_model(request, obj, form, change)
