from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin

from .forms import AdministrationImportForm
from .imports import COLUMNS, import_administrations
from .models import Administration, Commune, Province, Region


@admin.register(Administration)
class AdministrationAdmin(AdministrationScopedAdmin, SimpleHistoryAdmin, TranslationAdmin):
    scope_path = ""
    change_list_template = "directory/admin/administration_change_list.html"
    list_display = ["name", "acronym", "kind", "region", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    # Also what autocomplete fields elsewhere search through (scoped like the changelist).
    search_fields = ["name_ar", "name_fr", "name_en", "acronym", "slug"]
    prepopulated_fields = {"slug": ("name_fr",)}
    # Province and commune are searched by name or census code (the territory admins'
    # search_fields); Administration.clean() checks they nest in the region.
    autocomplete_fields = ["parent", "province", "commune"]

    def get_readonly_fields(self, request, obj=None):
        # Scoped users cannot look territories up (no view permission on them): OGP staff
        # place an administration in its province and commune.
        fields = list(super().get_readonly_fields(request, obj))
        if not is_unscoped(request.user):
            fields += ["province", "commune"]
        return fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def can_import(self, request) -> bool:
        return self.has_add_permission(request) and is_unscoped(request.user)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import_csv"
        return [
            path("import-csv/", self.admin_site.admin_view(self.import_csv_view), name=name),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.can_import(request)}
        return super().changelist_view(request, extra_context)

    def import_csv_view(self, request):
        if not self.can_import(request):
            raise PermissionDenied
        result = None
        if request.method == "POST":
            form = AdministrationImportForm(request.POST, request.FILES)
            if form.is_valid():
                result = import_administrations(form.cleaned_data["text"])
                if result.ok:
                    self.message_user(
                        request,
                        _(
                            "Import done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged."
                        )
                        % {
                            "created": result.created,
                            "updated": result.updated,
                            "unchanged": result.unchanged,
                        },
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:directory_administration_changelist"))
        else:
            form = AdministrationImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import administrations from CSV"),
            "opts": self.opts,
            "form": form,
            "result": result,
            "columns": COLUMNS,
            "kinds": Administration.Kind.values,
        }
        return TemplateResponse(request, "directory/admin/import_csv.html", context)


class ReadOnlyTerritoryAdmin(admin.ModelAdmin):
    """Territories come from the census loader; nobody edits them by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyTerritoryAdmin):
    list_display = ["code", "name_fr", "name_ar", "population_2024"]
    search_fields = ["name_fr", "name_ar", "code"]


@admin.register(Province)
class ProvinceAdmin(ReadOnlyTerritoryAdmin):
    list_display = ["code", "name_fr", "name_ar", "kind", "region", "population_2024"]
    list_filter = ["region", "kind"]
    search_fields = ["name_fr", "name_ar", "code"]
    list_select_related = ["region"]


@admin.register(Commune)
class CommuneAdmin(ReadOnlyTerritoryAdmin):
    list_display = ["code", "name_fr", "name_ar", "kind", "province", "population_2024"]
    list_filter = ["kind", "has_arrondissements", "province__region"]
    # With the province's name, "Ajdir Hoceima" finds the one of the two Ajdirs (autocomplete).
    search_fields = ["name_fr", "name_ar", "code", "slug", "province__name_fr", "province__name_ar"]
    list_select_related = ["province"]
