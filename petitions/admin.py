"""Admin of petitions: moderators publish or reject; reviewers (scoped to the addressee) rule
and answer; OGP staff edit the thresholds table. Every change goes through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin, scope_queryset

from . import permissions, services
from .models import Attachment, CommitteeMember, Petition, Signature, ThresholdRule


@admin.register(ThresholdRule)
class ThresholdRuleAdmin(admin.ModelAdmin):
    list_display = [
        "level", "min_population", "max_population", "with_arrondissements",
        "required_signatures", "min_share_per_province", "decision_days",
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
        "created_at",
    ]
    list_filter = ["status", "kind", "theme", "addressee"]
    search_fields = ["reference", "title"]
    inlines = [CommitteeInline, AttachmentInline]
    actions = [
        *AdministrationScopedAdmin.actions,
        publish,
        *[_reject_action(r) for r in Petition.RejectionReason],
        start_review,
        admissible,
        inadmissible,
        publish_response,
    ]
    # Only the texts a reviewer writes; statuses move through the actions (services).
    editable = [
        "decision_note",
        "response_text",
        "response_document",
        "signing_paused",
        "counting_paused",
    ]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if permissions.can_moderate_petitions(request.user):
            return qs
        return scope_queryset(qs, request.user, self.scope_path)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Petition._meta.fields if f.name not in self.editable]

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
            queryset, actor=request.user, reason=str(_("Invalidated by a moderator"))
        )
        self.message_user(request, _("%(n)d signature(s) invalidated.") % {"n": n})

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
