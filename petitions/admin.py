"""Admin of petitions: moderators publish or reject; reviewers (scoped to the addressee) rule
and answer; OGP staff edit the thresholds table. Every change goes through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin, scope_queryset

from . import permissions, services
from .models import (
    Attachment,
    CommitteeMember,
    InvalidationBatch,
    PaperBatch,
    PaperBatchLine,
    PaperScan,
    Petition,
    PetitionAssociation,
    PetitionsSwitch,
    Signature,
    SignatureCluster,
    ThresholdRule,
)


@admin.register(ThresholdRule)
class ThresholdRuleAdmin(admin.ModelAdmin):
    list_display = [
        "level", "min_population", "max_population", "with_arrondissements",
        "required_signatures", "min_share_per_province", "decision_days", "response_days",
    ]  # fmt: skip
    list_filter = ["level"]

    def has_change_permission(self, request, obj=None):
        return is_unscoped(request.user)

    has_add_permission = has_delete_permission = has_change_permission


def _run(modeladmin, request, queryset, func, done_message, **kwargs):
    done = 0
    for petition in queryset:
        try:
            func(petition, actor=request.user, **kwargs)
            done += 1
        except (ValidationError, PermissionDenied) as exc:
            text = "; ".join(getattr(exc, "messages", [])) or str(_("not allowed"))
            modeladmin.message_user(request, f"{petition.reference}: {text}", messages.WARNING)
    if done:
        modeladmin.message_user(request, done_message % {"n": done}, messages.SUCCESS)


@admin.action(description=_("Publish (open for signature)"))
def publish(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.publish, _("%(n)d petition(s) published."))


def _reject_action(reason):
    def action(modeladmin, request, queryset):
        _run(
            modeladmin,
            request,
            queryset,
            services.reject,
            _("%(n)d petition(s) rejected."),
            reason=reason.value,
            note=str(reason.label),
        )

    action.__name__ = f"reject_{reason.value}"
    action.short_description = _("Reject: %(reason)s") % {"reason": reason.label}
    return action


@admin.action(description=_("Start the review"))
def start_review(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.start_review, _("%(n)d review(s) started."))


@admin.action(description=_("Declare admissible"))
def admissible(modeladmin, request, queryset):
    _run(
        modeladmin,
        request,
        queryset,
        services.rule_admissibility,
        _("%(n)d petition(s) declared admissible."),
        admissible=True,
    )


@admin.action(description=_("Declare inadmissible (with the reasons written in the petition)"))
def inadmissible(modeladmin, request, queryset):
    for petition in queryset:
        _run(
            modeladmin,
            request,
            queryset.filter(pk=petition.pk),
            services.rule_admissibility,
            _("%(n)d petition(s) declared inadmissible."),
            admissible=False,
            note=petition.decision_note,
        )


@admin.action(description=_("Publish the official response written in the petition"))
def publish_response(modeladmin, request, queryset):
    for petition in queryset:
        _run(
            modeladmin,
            request,
            queryset.filter(pk=petition.pk),
            services.publish_response,
            _("%(n)d response(s) published."),
            text=petition.response_text,
        )


def _pause_action(name, description, **flags):
    def action(modeladmin, request, queryset):
        _run(
            modeladmin,
            request,
            queryset,
            services.set_petition_pauses,
            _("%(n)d petition(s) updated."),
            **flags,
        )

    action.__name__ = name
    action.short_description = description
    return action


pause_signing = _pause_action("pause_signing", _("Pause signing"), signing=True)
resume_signing = _pause_action("resume_signing", _("Resume signing"), signing=False)
pause_counting = _pause_action("pause_counting", _("Pause counting"), counting=True)
resume_counting = _pause_action("resume_counting", _("Resume counting"), counting=False)


class AssociationInline(admin.StackedInline):
    model = PetitionAssociation
    fields = ["name", "registration_number", "founded_on", "seat_province", "seat_commune"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CommitteeInline(admin.TabularInline):
    model = CommitteeMember
    fields = ["role", "accepted_at", "show_name"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["title", "file", "content_type", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Petition)
class PetitionAdmin(AdministrationScopedAdmin):
    scope_path = "addressee"
    scoped_list_filters = ("addressee",)
    list_display = [
        "reference",
        "title",
        "kind",
        "addressee",
        "status",
        "required_signatures",
        "decision_due_on",
        "response_due_on",
        "created_at",
    ]
    list_filter = ["status", "kind", "theme", "addressee"]
    search_fields = ["reference", "title"]
    inlines = [AssociationInline, CommitteeInline, AttachmentInline]
    actions = [
        *AdministrationScopedAdmin.actions,
        publish,
        *[_reject_action(r) for r in Petition.RejectionReason],
        start_review,
        admissible,
        inadmissible,
        publish_response,
        pause_signing,
        resume_signing,
        pause_counting,
        resume_counting,
    ]
    # Only the texts a reviewer writes; statuses and pauses move through the actions (services).
    editable = ["decision_note", "response_text", "response_document"]

    def get_list_display(self, request):
        return [*self.list_display, "signing_paused", "counting_paused"]

    @admin.display(description=_("Moderation pages"))
    def moderation_links(self, obj):
        if obj is None or not obj.pk:
            return ""
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("petitions:signatures", args=[obj.reference]),
            _("Search and invalidate signatures"),
            reverse("petitions:remove", args=[obj.reference]),
            _("Remove the petition"),
        )

    def get_fields(self, request, obj=None):
        fields = [f.name for f in Petition._meta.fields if f.name != "id"]
        if permissions.can_moderate_petitions(request.user):
            fields.insert(0, "moderation_links")
        return fields

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if permissions.can_moderate_petitions(request.user):
            return qs
        return scope_queryset(qs, request.user, self.scope_path)

    def get_readonly_fields(self, request, obj=None):
        readonly = [f.name for f in Petition._meta.fields if f.name not in self.editable]
        return ["moderation_links", *readonly]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user)


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    """Moderators search by email domain, IP, province and time, and invalidate in bulk."""

    list_display = ["petition", "province", "created_at", "confirmed_at", "invalidated", "ip"]
    list_filter = ["invalidated", "province__region", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["petition__reference", "email", "ip"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Signature._meta.fields]
    actions = ["invalidate"]

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("petition", "province")
        return qs if permissions.can_moderate_petitions(request.user) else qs.none()

    @admin.action(description=_("Invalidate (suspected abuse)"))
    def invalidate(self, request, queryset):
        n = services.invalidate_signatures(
            queryset,
            actor=request.user,
            reason=str(_("Invalidated by a moderator")),
            criteria={"admin_selection": True},
        )
        self.message_user(request, _("%(n)d signature(s) invalidated.") % {"n": n})

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- paper signatures: reviewers of the addressee verify or reject -------------------------


class PaperLineInline(admin.TabularInline):
    model = PaperBatchLine
    fields = ["province", "count"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PaperScanInline(admin.TabularInline):
    model = PaperScan
    fields = ["download", "content_type", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("scanned sheets"))
    def download(self, obj):
        """Through the permission-checked view (MEDIA_URL is not served in production)."""
        if not obj.file:
            return _("erased with the signers' data")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("petitions:paper_scan", args=[obj.pk]),
            _("Download scan %(n)s") % {"n": obj.pk},
        )


@admin.action(description=_("Verify: count these paper signatures"))
def verify_paper(modeladmin, request, queryset):
    for batch in queryset:
        _run(
            modeladmin,
            request,
            queryset.filter(pk=batch.pk),
            services.verify_paper_batch,
            _("%(n)d batch(es) verified."),
            note=batch.review_note,
        )


@admin.action(description=_("Reject (with the reviewer's note written in the batch)"))
def reject_paper(modeladmin, request, queryset):
    for batch in queryset:
        _run(
            modeladmin,
            request,
            queryset.filter(pk=batch.pk),
            services.reject_paper_batch,
            _("%(n)d batch(es) rejected."),
            note=batch.review_note,
        )


@admin.register(PaperBatch)
class PaperBatchAdmin(AdministrationScopedAdmin):
    scope_path = "petition__addressee"
    scoped_list_filters = ("petition__addressee",)
    list_display = ["petition", "total", "status", "created_at", "reviewed_at"]
    list_filter = ["status", "petition__addressee"]
    search_fields = ["petition__reference", "petition__title"]
    inlines = [PaperLineInline, PaperScanInline]
    actions = [*AdministrationScopedAdmin.actions, verify_paper, reject_paper]
    fields = [
        "petition", "status", "total", "note", "recorded_by", "created_at",
        "review_note", "reviewed_by", "reviewed_at",
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("petition")

    def get_readonly_fields(self, request, obj=None):
        return [f for f in self.fields if f != "review_note"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- anti-abuse: invalidation batches and the daily cluster report ---------------------------


class ModeratorsOnlyAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("petition")
        return qs if permissions.can_moderate_petitions(request.user) else qs.none()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Restore these signatures"))
def restore_batches(modeladmin, request, queryset):
    done = 0
    for batch in queryset.filter(restored_at__isnull=True):
        try:
            services.restore_invalidation(batch, actor=request.user)
            done += 1
        except (ValidationError, PermissionDenied) as exc:
            modeladmin.message_user(request, f"{batch}: {exc}", messages.WARNING)
    if done:
        modeladmin.message_user(request, _("%(n)d batch(es) restored.") % {"n": done})


@admin.register(InvalidationBatch)
class InvalidationBatchAdmin(ModeratorsOnlyAdmin):
    list_display = ["petition", "created_at", "actor", "reason", "count", "restored_at"]
    list_filter = [("restored_at", admin.EmptyFieldListFilter)]
    search_fields = ["petition__reference", "reason"]
    readonly_fields = [
        "petition", "actor", "reason", "criteria", "count", "created_at",
        "restored_at", "restored_by", "restore_reason",
    ]  # fmt: skip
    actions = [restore_batches]


@admin.action(description=_("Mark as reviewed"))
def mark_reviewed(modeladmin, request, queryset):
    n = queryset.update(reviewed=True)
    modeladmin.message_user(request, _("%(n)d cluster(s) marked as reviewed.") % {"n": n})


@admin.register(SignatureCluster)
class SignatureClusterAdmin(ModeratorsOnlyAdmin):
    list_display = [
        "day", "petition", "kind", "value", "signatures", "window_start", "share", "reviewed",
        "search_link",
    ]  # fmt: skip
    list_filter = ["reviewed", "kind", "day"]
    search_fields = ["petition__reference", "value"]
    readonly_fields = [
        "petition", "day", "kind", "value", "signatures", "window_start", "share",
        "baseline_share", "created_at",
    ]  # fmt: skip
    fields = [*readonly_fields, "reviewed"]
    actions = [mark_reviewed]

    @admin.display(description=_("Search"))
    def search_link(self, obj):
        url = reverse("petitions:signatures", args=[obj.petition.reference])
        key = {"email_domain": "domain"}.get(obj.kind, "ip")
        return format_html('<a href="{}?{}={}">{}</a>', url, key, obj.value, _("Search"))


# --- the site-wide switch (one row) ------------------------------------------------------------


@admin.register(PetitionsSwitch)
class PetitionsSwitchAdmin(admin.ModelAdmin):
    fields = ["signing_paused", "counting_paused", "message", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    def has_module_permission(self, request):
        return permissions.can_moderate_petitions(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_moderate_petitions(request.user)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        switch = PetitionsSwitch.load()
        return HttpResponseRedirect(
            reverse("admin:petitions_petitionsswitch_change", args=[switch.pk])
        )

    def save_model(self, request, obj, form, change):
        # Through the service: timeline event, and every process forgets its cached copy.
        services.set_site_switch(
            actor=request.user,
            signing_paused=obj.signing_paused,
            counting_paused=obj.counting_paused,
            message=obj.message,
        )
