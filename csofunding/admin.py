from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin
from ogp_portal.directory.models import Administration

from . import services
from .forms import AwardImportForm
from .imports import COLUMNS, import_awards, import_awards_xlsx
from .models import (
    AlertSubscription,
    Association,
    Award,
    Call,
    CallDocument,
    Disbursement,
    Programme,
    Sector,
)


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    """The shared vocabulary: every funder reads it, OGP staff edit it."""

    list_display = ["code", "name", "order"]
    search_fields = ["code", "name_ar", "name_fr", "name_en"]

    def has_add_permission(self, request):
        return is_unscoped(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)


@admin.register(Programme)
class ProgrammeAdmin(AdministrationScopedAdmin, TranslationAdmin):
    scope_path = "funder"
    scoped_list_filters = ("funder",)
    list_display = ["title", "funder", "sector", "year", "budget"]
    list_filter = ["funder", "sector", "year"]
    search_fields = ["title_ar", "title_fr", "code"]
    list_select_related = ["funder", "sector"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not is_unscoped(request.user) and request.user.administration_id:
            initial.setdefault("funder", request.user.administration_id)
        return initial


class CallDocumentInline(admin.TabularInline):
    model = CallDocument
    extra = 1
    fields = ["kind", "title", "file", "size"]
    readonly_fields = ["size"]


@admin.action(description=_("Publish the selected calls (alerts subscribers)"))
def publish_calls(modeladmin, request, queryset):
    done = 0
    for call in queryset.filter(is_published=False):
        services.publish_call(call, actor=request.user)
        done += 1
    modeladmin.message_user(request, _("%(count)d calls published.") % {"count": done})


@admin.action(description=_("Mark the selected calls as awarded (results published)"))
def mark_awarded(modeladmin, request, queryset):
    for call in queryset:
        try:
            services.mark_call_awarded(call, actor=request.user)
        except ValidationError as exc:
            modeladmin.message_user(request, f"{call}: {exc.messages[0]}", messages.WARNING)


@admin.register(Call)
class CallAdmin(AdministrationScopedAdmin, TranslationAdmin):
    scope_path = "programme__funder"
    scoped_list_filters = ("programme__funder",)
    list_display = ["title", "programme", "opens_on", "deadline", "status_label", "is_published"]
    list_filter = ["is_published", "programme__funder", "sectors"]
    search_fields = ["title_ar", "title_fr", "reference"]
    filter_horizontal = ["sectors", "regions"]
    readonly_fields = ["is_published", "published_at"]
    inlines = [CallDocumentInline]
    actions = [*AdministrationScopedAdmin.actions, publish_calls, mark_awarded]
    list_select_related = ["programme"]

    @admin.display(description=_("status"))
    def status_label(self, obj):
        return obj.get_status_display()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "programme" and not is_unscoped(request.user):
            kwargs["queryset"] = Programme.objects.filter(funder_id=request.user.administration_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DisbursementInline(admin.TabularInline):
    model = Disbursement
    extra = 1


@admin.register(Award)
class AwardAdmin(AdministrationScopedAdmin):
    scope_path = "funder"
    scoped_list_filters = ("funder",)
    change_list_template = "csofunding/admin/award_change_list.html"
    list_display = ["reference", "association", "funder", "amount", "awarded_on", "sector"]
    list_filter = ["funder", "sector", "awarded_on", "is_published"]
    search_fields = ["reference", "title", "association__name_fr", "association__name_ar"]
    autocomplete_fields = ["association"]
    filter_horizontal = ["beneficiary_regions"]
    inlines = [DisbursementInline]
    list_select_related = ["association", "funder", "sector"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not is_unscoped(request.user) and request.user.administration_id:
            initial.setdefault("funder", request.user.administration_id)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not is_unscoped(request.user):
            mine = request.user.administration_id
            if db_field.name == "programme":
                kwargs["queryset"] = Programme.objects.filter(funder_id=mine)
            elif db_field.name == "call":
                kwargs["queryset"] = Call.objects.filter(programme__funder_id=mine)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and not is_unscoped(request.user) and obj.funder_id is None:
            obj.funder_id = request.user.administration_id
        super().save_model(request, obj, form, change)

    # --- CSV import ---------------------------------------------------------

    def can_import(self, request) -> bool:
        return self.has_add_permission(request) and (
            is_unscoped(request.user) or bool(request.user.administration_id)
        )

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
            form = AwardImportForm(request.POST, request.FILES)
            if form.is_valid():
                if "xlsx_rows" in form.cleaned_data:
                    result = import_awards_xlsx(form.cleaned_data["xlsx_rows"], user=request.user)
                else:
                    result = import_awards(form.cleaned_data["text"], user=request.user)
                if result.ok:
                    self.message_user(
                        request,
                        _("Import done: %(created)d awards created.") % {"created": result.created},
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:csofunding_award_changelist"))
        else:
            form = AwardImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import awards from CSV or XLSX"),
            "opts": self.opts,
            "form": form,
            "result": result,
            "columns": COLUMNS,
            "funders": Administration.objects.visible_to(request.user).order_by("slug")[:50],
        }
        return TemplateResponse(request, "csofunding/admin/import_csv.html", context)


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    """The registry of associations is shared by every funder."""

    list_display = ["name_fr", "name_ar", "registration_number", "legal_form", "seat_region"]
    list_filter = ["legal_form", "seat_region", "sectors"]
    search_fields = ["name_fr", "name_ar", "registration_number"]
    prepopulated_fields = {"slug": ("name_fr",)}
    filter_horizontal = ["sectors"]
    raw_id_fields = ["seat_province"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(AlertSubscription)
class AlertSubscriptionAdmin(admin.ModelAdmin):
    """Subscribers' addresses are personal data: OGP staff only."""

    list_display = ["email", "language", "confirmed_at", "confirmation_sent_at", "created_at"]
    readonly_fields = [
        "user",
        "email",
        "email_key",
        "token",
        "confirmed_at",
        "confirmation_sent_at",
        "pending",
    ]

    def has_module_permission(self, request):
        return is_unscoped(request.user)

    def has_view_permission(self, request, obj=None):
        return is_unscoped(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user)
