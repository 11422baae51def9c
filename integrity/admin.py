"""Civil servants write their administration's initiatives; moderators review and publish them.

Civil servants are scoped to their administration (404 elsewhere) and may change an
initiative only while it is a draft or returned. Moderators and OGP staff see every
initiative. State changes go through the publication page, which calls services.py.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from ogp_portal.accounts.permissions import can_moderate
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin
from ogp_portal.core.timeline import events_for

from . import services
from .models import (
    ChallengeType,
    Indicator,
    Initiative,
    InitiativeDocument,
    InitiativeLink,
    Sector,
    Theme,
)
from .permissions import can_edit_initiative, can_submit_initiative


class _HttpsUrls:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class _ParentEditableInline(_HttpsUrls):
    """Inline rows follow the initiative: read-only once it is submitted or published."""

    def _editable(self, request, obj):
        return obj is None or can_edit_initiative(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Civil servants have no delete permission, but may remove rows of their own drafts.
        return self._editable(request, obj) and super().has_change_permission(request, obj)


class IndicatorInline(_ParentEditableInline, TranslationTabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "unit", "baseline", "target", "actual", "position"]


class DocumentInline(_ParentEditableInline, admin.TabularInline):
    model = InitiativeDocument
    extra = 0


class LinkInline(_ParentEditableInline, admin.TabularInline):
    model = InitiativeLink
    extra = 0


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the administration"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


@admin.register(Initiative)
class InitiativeAdmin(_HttpsUrls, AdministrationScopedAdmin, SimpleHistoryAdmin, TranslationAdmin):
    scope_path = "lead_administration"
    scoped_list_filters = ("lead_administration",)
    change_form_template = "integrity/admin/initiative_change_form.html"
    list_display = ["title", "lead_administration", "sector", "status", "state", "published_at"]
    list_filter = [
        "state",
        "status",
        "sector",
        "challenge_type",
        ("lead_administration", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["lead_administration", "sector"]
    search_fields = ["title_ar", "title_fr", "title_en", "summary_fr", "summary_ar"]
    filter_horizontal = ["partner_administrations", "regions"]
    readonly_fields = ["state", "review_comment", "submitted_at", "published_at"]
    inlines = [IndicatorInline, DocumentInline, LinkInline]
    actions = [
        *AdministrationScopedAdmin.actions,
        "submit_selected",
        "publish_selected",
    ]
    fieldsets = [
        (None, {"fields": ["title", "summary", "description"]}),
        (
            _("Who"),
            {"fields": ["lead_administration", "partner_administrations", "other_partners"]},
        ),
        (_("Classification"), {"fields": ["sector", "theme", "challenge_type"]}),
        (_("Where and when"), {"fields": ["scope", "regions", "start_date", "end_date", "status"]}),
        (_("Institutional contact"), {"fields": ["contact_unit", "contact_url"]}),
        (
            _("Publication"),
            {"fields": ["state", "review_comment", "submitted_at", "published_at"]},
        ),
    ]

    # --- who sees what -------------------------------------------------------

    def get_queryset(self, request):
        if can_moderate(request.user):
            # Moderators review every administration's initiatives: skip the scoping layer.
            return super(AdministrationScopedAdmin, self).get_queryset(request)
        return super().get_queryset(request)

    def get_list_filter(self, request):
        if can_moderate(request.user):
            return self.list_filter
        return super().get_list_filter(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if can_moderate(request.user):
            return super(AdministrationScopedAdmin, self).formfield_for_foreignkey(
                db_field, request, **kwargs
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Partners may be any administration, whoever writes the initiative.
        if db_field.name == "partner_administrations" or can_moderate(request.user):
            return super(AdministrationScopedAdmin, self).formfield_for_manytomany(
                db_field, request, **kwargs
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if getattr(request.user, "administration_id", None):
            initial.setdefault("lead_administration", request.user.administration_id)
        return initial

    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_edit_initiative(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not can_moderate(request.user):
            actions.pop("publish_selected", None)
        return actions

    # --- publication ---------------------------------------------------------

    @admin.action(description=_("Submit selected for review"))
    def submit_selected(self, request, queryset):
        done = 0
        for initiative in queryset:
            if can_submit_initiative(request.user, initiative):
                services.submit(initiative, actor=request.user)
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d initiative submitted for review.",
                "%(count)d initiatives submitted for review.",
                done,
            )
            % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(description=_("Publish selected"))
    def publish_selected(self, request, queryset):
        if not can_moderate(request.user):
            raise PermissionDenied
        done = 0
        for initiative in queryset.filter(state=Initiative.State.SUBMITTED):
            services.publish(initiative, actor=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d initiative published.", "%(count)d initiatives published.", done)
            % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/publication/",
                self.admin_site.admin_view(self.publication_view),
                name=f"{info}_publication",
            ),
            *super().get_urls(),
        ]

    def publication_view(self, request, object_id):
        """The initiative's state, its review history, and the transitions open to the user."""
        initiative = self.get_queryset(request).filter(pk=self._pk_or_404(object_id)).first()
        if initiative is None:
            raise Http404
        user = request.user
        send_back_form = SendBackForm()
        if request.method == "POST":
            action = request.POST.get("action")
            try:
                if action == "submit":
                    services.submit(initiative, actor=user)
                    message = _("The initiative was submitted for review.")
                elif action == "publish":
                    services.publish(initiative, actor=user)
                    message = _("The initiative is published.")
                elif action == "send_back":
                    send_back_form = SendBackForm(request.POST)
                    if not send_back_form.is_valid():
                        raise ValidationError(send_back_form.errors["comment"])
                    services.send_back(
                        initiative, actor=user, comment=send_back_form.cleaned_data["comment"]
                    )
                    message = _("The initiative was sent back to its administration.")
                elif action == "unpublish":
                    services.unpublish(initiative, actor=user)
                    message = _("The initiative was withdrawn from the public bank.")
                else:
                    raise ValidationError(_("Unknown action."))
            except PermissionDenied:
                raise
            except ValidationError as error:
                for text in error.messages:
                    self.message_user(request, text, messages.ERROR)
            else:
                self.message_user(request, message, messages.SUCCESS)
                return redirect(
                    reverse("admin:integrity_initiative_publication", args=[initiative.pk])
                )
        State = Initiative.State
        context = {
            **self.admin_site.each_context(request),
            "title": _("Publication of “%(title)s”") % {"title": initiative.title},
            "opts": self.opts,
            "original": initiative,
            "initiative": initiative,
            "events": events_for(initiative, public_only=False),
            "can_submit": can_submit_initiative(user, initiative),
            "can_review": can_moderate(user) and initiative.state == State.SUBMITTED,
            "can_unpublish": can_moderate(user) and initiative.state == State.PUBLISHED,
            "send_back_form": send_back_form,
        }
        return TemplateResponse(request, "integrity/admin/publication.html", context)

    def _pk_or_404(self, object_id):
        try:
            return int(object_id)
        except (TypeError, ValueError):
            raise Http404 from None


class VocabularyAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_ar", "name_fr", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name_fr",)}

    # Vocabularies are OGP staff's: civil servants and moderators only read them.
    def has_add_permission(self, request):
        return can_moderate(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_moderate(request.user) and super().has_change_permission(request, obj)


admin.site.register(Sector, VocabularyAdmin)
admin.site.register(Theme, VocabularyAdmin)
admin.site.register(ChallengeType, VocabularyAdmin)
