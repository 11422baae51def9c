"""Admin of the action plan: civil servants of the lead administration edit milestones and
write progress updates (scoped); OGP staff review updates and manage plans, consultations
and ideas. Status changes go through transparency.plan.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin import LinkedPagesMixin
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin
from ogp_portal.core.exports import csv_response
from transparency.models import (
    ActionPlan,
    Comment,
    Commitment,
    Consultation,
    Idea,
    IrmRating,
    Milestone,
    MilestoneEvidence,
    OgpValue,
    PlanDocument,
    ProgressUpdate,
    Theme,
)

from . import imports, services
from .forms import EvidenceForm, IdeaDecisionAdminForm, MilestoneCsvImportForm


def _https(db_field, kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return kwargs


class StaffOnlyAdmin(admin.ModelAdmin):
    """Plans, themes, scales, consultations: OGP staff manage them; others may only look."""

    def has_add_permission(self, request):
        return is_unscoped(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)


class PlanDocumentInline(TranslationTabularInline):
    model = PlanDocument
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(db_field, request, **_https(db_field, kwargs))


class ThemeInline(TranslationTabularInline):
    model = Theme
    extra = 0
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(ActionPlan)
class ActionPlanAdmin(StaffOnlyAdmin, TranslationAdmin):
    list_display = ["title", "period", "status"]
    list_filter = ["status"]
    search_fields = ["title_ar", "title_fr", "title_en", "slug"]
    inlines = [ThemeInline, PlanDocumentInline]


@admin.register(OgpValue)
class OgpValueAdmin(StaffOnlyAdmin, TranslationAdmin):
    list_display = ["name", "code", "order"]


@admin.register(IrmRating)
class IrmRatingAdmin(StaffOnlyAdmin, TranslationAdmin):
    list_display = ["label", "scale", "code", "order"]
    list_filter = ["scale"]


class CommitmentScopedAdmin(AdministrationScopedAdmin):
    scoped_list_filters = ("lead_administration", "commitment__lead_administration")


@admin.register(Commitment)
class CommitmentAdmin(
    LinkedPagesMixin, CommitmentScopedAdmin, SimpleHistoryAdmin, TranslationAdmin
):
    scope_path = "lead_administration"
    list_display = ["number", "title", "plan", "theme", "lead_administration", "ogp_id"]
    list_display_links = ["number", "title"]
    list_filter = ["plan", "theme", "lead_administration"]
    search_fields = ["title_ar", "title_fr", "title_en", "ogp_id"]
    list_select_related = ["plan", "theme", "lead_administration"]
    autocomplete_fields = ["lead_administration", "partners"]
    filter_horizontal = ["ogp_values"]
    readonly_fields = ["linked_pages"]  # the petitions, ideas and datasets linked to it

    def has_add_permission(self, request):
        return is_unscoped(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        # The lead administration writes milestones and updates; the commitment is OGP staff's.
        return is_unscoped(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)


class EvidenceInline(admin.TabularInline):
    model = MilestoneEvidence
    form = EvidenceForm
    extra = 1
    fields = ["title", "file", "url"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(db_field, request, **_https(db_field, kwargs))


@admin.register(Milestone)
class MilestoneAdmin(CommitmentScopedAdmin, SimpleHistoryAdmin, TranslationAdmin):
    scope_path = "commitment__lead_administration"
    change_list_template = "transparency/plan/admin/milestone_change_list.html"
    list_display = ["title", "commitment", "due_date", "status", "progress", "weight"]
    list_filter = ["status", "commitment__plan", "commitment__lead_administration"]
    search_fields = ["title_ar", "title_fr", "title_en", "commitment__ogp_id"]
    list_select_related = ["commitment__plan"]
    raw_id_fields = []
    inlines = [EvidenceInline]
    actions = [*CommitmentScopedAdmin.actions, "export_progress_csv"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commitment" and not is_unscoped(request.user):
            kwargs["queryset"] = Commitment.objects.filter(
                lead_administration_id=request.user.administration_id
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """Progress and status changes go through the service (timeline event)."""
        if not change:
            return super().save_model(request, obj, form, change)
        new_progress, new_status = obj.progress, obj.status
        current = Milestone.objects.get(pk=obj.pk)
        obj.progress, obj.status = current.progress, current.status
        super().save_model(request, obj, form, change)
        try:
            services.record_milestone_progress(
                obj, actor=request.user, progress=new_progress, status=new_status
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)

    @admin.action(description=_("Export progress as CSV (import format)"))
    def export_progress_csv(self, request, queryset):
        stamp = timezone.localdate().isoformat()
        return csv_response(
            f"milestone-progress-{stamp}.csv", imports.COLUMNS, imports.export_rows(queryset)
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_csv_view),
                name="{}_{}_import_csv".format(*info),
            ),
            path(
                "export-csv/",
                self.admin_site.admin_view(self.export_csv_view),
                name="{}_{}_export_csv".format(*info),
            ),
            *super().get_urls(),
        ]

    def can_import(self, request) -> bool:
        return self.has_change_permission(request) and (
            is_unscoped(request.user) or bool(request.user.administration_id)
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.can_import(request)}
        return super().changelist_view(request, extra_context)

    def export_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = self.get_queryset(request)
        plan_id = request.GET.get("plan_id", "")
        if plan_id.isdigit():
            queryset = queryset.filter(commitment__plan_id=plan_id)
        stamp = timezone.localdate().isoformat()
        return csv_response(
            f"milestone-progress-{stamp}.csv", imports.COLUMNS, imports.export_rows(queryset)
        )

    def import_csv_view(self, request):
        if not self.can_import(request):
            raise PermissionDenied
        result = None
        if request.method == "POST":
            form = MilestoneCsvImportForm(request.POST, request.FILES)
            if form.is_valid():
                result = imports.import_csv(form.cleaned_data["file"].read(), actor=request.user)
                if result.ok:
                    self.message_user(
                        request,
                        _("Import done: %(updated)d updated, %(unchanged)d unchanged.")
                        % {"updated": result.updated, "unchanged": result.unchanged},
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:transparency_milestone_changelist"))
        else:
            form = MilestoneCsvImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import milestone progress from CSV"),
            "opts": self.opts,
            "form": form,
            "result": result,
            "columns": imports.COLUMNS,
            "statuses": Milestone.Status.values,
        }
        return TemplateResponse(request, "transparency/plan/admin/import_csv.html", context)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(CommitmentScopedAdmin):
    scope_path = "commitment__lead_administration"
    list_display = ["commitment", "status", "progress_claimed", "author", "created_at"]
    list_filter = ["status", "commitment__plan", "commitment__lead_administration"]
    list_select_related = ["commitment", "author"]
    fields = ["commitment", "text", "progress_claimed", "status", "review_note", "published_at"]
    readonly_fields = ["status", "published_at"]
    actions = [
        *CommitmentScopedAdmin.actions,
        "submit_selected",
        "publish_selected",
        "reject_selected",
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not is_unscoped(request.user):
            fields.append("review_note")
        if obj is not None and obj.status in (
            ProgressUpdate.Status.SUBMITTED,
            ProgressUpdate.Status.PUBLISHED,
        ):
            fields += ["commitment", "text", "progress_claimed"]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commitment" and not is_unscoped(request.user):
            kwargs["queryset"] = Commitment.objects.filter(
                lead_administration_id=request.user.administration_id
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def _run(self, request, queryset, service, **kwargs):
        done = 0
        for update in queryset.select_related("commitment"):
            try:
                service(update, actor=request.user, **kwargs(update) if callable(kwargs) else {})
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                message = " ".join(getattr(exc, "messages", [])) or str(_("Not allowed."))
                self.message_user(request, f"{update}: {message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d updates done.") % {"count": done})

    @admin.action(description=_("Submit for review"))
    def submit_selected(self, request, queryset):
        self._run(request, queryset, services.submit_progress_update)

    @admin.action(description=_("Publish (OGP staff)"))
    def publish_selected(self, request, queryset):
        self._run(request, queryset, services.publish_progress_update)

    @admin.action(description=_("Send back with the review note as reason (OGP staff)"))
    def reject_selected(self, request, queryset):
        self._run(
            request,
            queryset,
            services.reject_progress_update,
            kwargs=lambda u: {"reason": u.review_note},
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_unscoped(request.user):
            actions.pop("publish_selected", None)
            actions.pop("reject_selected", None)
        return actions


@admin.register(Consultation)
class ConsultationAdmin(StaffOnlyAdmin, TranslationAdmin):
    list_display = ["title", "plan", "opens_at", "closes_at"]
    list_filter = ["plan"]
    prepopulated_fields = {"slug": ("title_fr",)}
    actions = ["close_selected"]

    @admin.action(description=_("Close now"))
    def close_selected(self, request, queryset):
        for consultation in queryset:
            try:
                services.close_consultation(consultation, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(
                    request,
                    f"{consultation}: {' '.join(getattr(exc, 'messages', []))}",
                    messages.ERROR,
                )


@admin.register(Idea)
class IdeaAdmin(LinkedPagesMixin, AdministrationScopedAdmin):
    """OGP staff answer ideas; a lead administration sees the ideas linked to its commitments."""

    scope_path = "merged_into__lead_administration"
    scoped_list_filters = ()
    form = IdeaDecisionAdminForm
    list_display = ["title", "consultation", "status", "theme", "is_hidden", "created_at"]
    list_filter = ["status", "consultation", "is_hidden"]
    search_fields = ["title", "text"]
    readonly_fields = ["consultation", "title", "text", "theme", "decided_at", "linked_pages"]
    fields = [
        "consultation",
        "title",
        "text",
        "theme",
        "status",
        "response",
        "merged_into",
        "decided_at",
        "linked_pages",
    ]
    autocomplete_fields = ["merged_into"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        previous = Idea.objects.get(pk=obj.pk).status if change else None
        if change and previous == Idea.Status.SUBMITTED and obj.status != previous:
            decision, response, merged_into = obj.status, obj.response, obj.merged_into
            try:
                services.decide_idea(
                    obj,
                    actor=request.user,
                    decision=decision,
                    response=response,
                    merged_into=merged_into,
                )
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(
                    request,
                    " ".join(getattr(exc, "messages", [])) or str(_("Not allowed.")),
                    messages.ERROR,
                )
            return
        # Answered ideas: only the wording of the reason may be corrected.
        Idea.objects.filter(pk=obj.pk).update(response=obj.response)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "commitment", "stance", "is_hidden", "created_at"]
    list_filter = ["stance", "is_hidden"]
    search_fields = ["text"]
    readonly_fields = ["commitment", "author", "text", "stance", "parent", "is_hidden"]

    def has_add_permission(self, request):
        return False
