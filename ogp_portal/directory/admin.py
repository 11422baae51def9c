from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from ogp_portal.core.admin_scoping import AdministrationScopedAdmin

from .models import Administration, Commune, Province, Region


@admin.register(Administration)
class AdministrationAdmin(AdministrationScopedAdmin, SimpleHistoryAdmin, TranslationAdmin):
    scope_path = ""
    list_display = ["name", "acronym", "kind", "region", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["name_ar", "name_fr", "name_en", "acronym", "slug"]
    prepopulated_fields = {"slug": ("name_fr",)}
    autocomplete_fields = ["parent"]
    raw_id_fields = ["province", "commune"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_ar", "population_2024"]
    search_fields = ["name_fr", "name_ar", "code"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_ar", "kind", "region", "population_2024"]
    list_filter = ["region", "kind"]
    search_fields = ["name_fr", "name_ar", "code"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_ar", "kind", "province", "population_2024"]
    list_filter = ["kind", "province__region"]
    search_fields = ["name_fr", "name_ar", "code"]
