"""Admin of the co-evaluation: OGP staff set assessment windows and verify organisations;
moderators see assessments (hiding goes through core's moderation queue); the lead
administration sees its replies and contested commitments (scoped). Status changes go
through transparency.coeval.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import can_moderate, is_unscoped
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin
from transparency.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentReply,
    AssessmentWindow,
    ContestedFlag,
    Organisation,
    OrganisationMembership,
)

from . import services


class StaffOnlyAdmin(admin.ModelAdmin):
    """OGP staff only, reading included: memberships carry a person's name, role and the
    reason of the decision; other staff roles (civil servants, information officers,
    moderators) get 403 and do not see the models in the admin index."""

    def has_module_permission(self, request):
        return is_unscoped(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return is_unscoped(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)


@admin.register(AssessmentWindow)
class AssessmentWindowAdmin(StaffOnlyAdmin):
    list_display = ["label_fr", "label_ar", "plan", "opens_at", "closes_at", "open_now"]
    list_filter = ["plan"]
    fields = ["plan", "label_ar", "label_fr", "label_en", "opens_at", "closes_at"]

    @admin.display(boolean=True, description=_("open now"))
    def open_now(self, obj):
        return obj.is_open()


class MembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    fields = ["user", "role", "status", "decided_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(StaffOnlyAdmin):
    list_display = ["name", "registration_number", "website", "verified"]
    search_fields = ["name", "registration_number"]
    inlines = [MembershipInline]

    @admin.display(boolean=True, description=_("verified"))
    def verified(self, obj):
        return obj.is_verified


@admin.register(OrganisationMembership)
class OrganisationMembershipAdmin(StaffOnlyAdmin):
    """Requests to speak for an organisation: verify, or reject with the note as reason."""

    list_display = ["organisation", "user", "role", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "organisation__registration_number", "role"]
    list_select_related = ["organisation", "user"]
    fields = [
        "organisation",
        "registration_number",
        "website",
        "user",
        "role",
        "status",
        "decision_note",
        "decided_by",
        "decided_at",
    ]
    readonly_fields = [
        "organisation",
        "registration_number",
        "website",
        "user",
        "role",
        "status",
        "decided_by",
        "decided_at",
    ]
    actions = ["verify_selected", "reject_selected"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("registration number"))
    def registration_number(self, obj):
        return obj.organisation.registration_number

    @admin.display(description=_("website"))
    def website(self, obj):
        return obj.organisation.website

    def save_model(self, request, obj, form, change):
        # Only the note is edited here; decisions go through the actions (services).
        OrganisationMembership.objects.filter(pk=obj.pk).update(decision_note=obj.decision_note)

    def _run(self, request, queryset, service, **kwargs):
        done = 0
        for membership in queryset.select_related("organisation", "user"):
            try:
                values = {name: get(membership) for name, get in kwargs.items()}
                service(membership, actor=request.user, **values)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                message = " ".join(getattr(exc, "messages", [])) or str(_("Not allowed."))
                self.message_user(request, f"{membership}: {message}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d requests decided.") % {"count": done})

    @admin.action(description=_("Verify: they speak for the organisation"))
    def verify_selected(self, request, queryset):
        self._run(request, queryset, services.verify_membership, note=lambda m: m.decision_note)

    @admin.action(description=_("Reject (or withdraw) with the decision note as reason"))
    def reject_selected(self, request, queryset):
        self._run(request, queryset, services.reject_membership, reason=lambda m: m.decision_note)


class EvidenceInline(admin.TabularInline):
    model = AssessmentEvidence
    extra = 0
    fields = ["url", "file", "content_type", "size"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read only: moderators hide or keep through the moderation queue (core)."""

    list_display = [
        "commitment",
        "window",
        "completion",
        "early_results",
        "organisation",
        "is_hidden",
        "created_at",
    ]
    list_filter = ["window", "is_hidden", ("organisation", admin.EmptyFieldListFilter)]
    search_fields = ["justification"]
    list_select_related = ["commitment", "window__plan", "completion", "early_results"]
    readonly_fields = [
        "window",
        "commitment",
        "author",
        "completion",
        "early_results",
        "justification",
        "name_display",
        "organisation",
        "is_hidden",
        "public_page",
    ]
    fields = readonly_fields
    inlines = [EvidenceInline]

    def has_module_permission(self, request):
        return can_moderate(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_moderate(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)

    @admin.display(description=_("public page"))
    def public_page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("open"))


class CommitmentScoped(AdministrationScopedAdmin):
    scope_path = "commitment__lead_administration"
    scoped_list_filters = ("commitment__lead_administration",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)


@admin.register(AssessmentReply)
class AssessmentReplyAdmin(CommitmentScoped):
    """Replies are written on the public assessments page (so they show where they are read)."""

    list_display = ["commitment", "window", "administration", "updated_at", "reply_page"]
    list_filter = ["window", "commitment__lead_administration"]
    list_select_related = ["commitment__plan", "window", "administration"]
    fields = ["window", "commitment", "administration", "author", "text", "reply_page"]
    readonly_fields = fields

    @admin.display(description=_("reply on the public page"))
    def reply_page(self, obj):
        url = reverse(
            "transparency:coeval_commitment",
            kwargs={"slug": obj.commitment.plan.slug, "number": obj.commitment.number},
        )
        return format_html('<a href="{}?window={}#reply">{}</a>', url, obj.window_id, _("open"))


@admin.register(ContestedFlag)
class ContestedFlagAdmin(CommitmentScoped):
    """Commitments the public contests: the lead administration is invited to reply."""

    list_display = [
        "commitment",
        "window",
        "official_step",
        "public_median",
        "created_at",
        "reply_page",
    ]
    list_filter = ["window", "commitment__lead_administration"]
    list_select_related = ["commitment__plan", "window"]
    fields = [
        "window",
        "commitment",
        "official_progress",
        "official_step",
        "public_median",
        "count",
        "created_at",
        "reply_page",
    ]
    readonly_fields = fields

    @admin.display(description=_("reply on the public page"))
    def reply_page(self, obj):
        return AssessmentReplyAdmin.reply_page(self, obj)
