"""The information officer's desk: the scoped admin of information requests.

The change page is read-only; the officer acts through the forms below it (one per
transition the request allows), each calling a service in transparency/ati/services.py.
Staff record requests received by post, email or at the counter through "Add".
"""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin
from ogp_portal.core.timeline import events_for
from transparency.models import InformationRequest, RefusalGround

from . import forms as ati_forms
from . import permissions, services
from .presenters import label_events

Status = InformationRequest.Status


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type
    run: object  # (obj, actor, cleaned_data) -> None
    allowed: object  # (obj, user) -> bool
    danger: bool = False


def _open(obj, user):
    return obj.status in InformationRequest.OPEN_STATUSES


ACTIONS = [
    Action(
        "acknowledge",
        _("Acknowledge receipt"),
        ati_forms.NoteForm,
        lambda o, a, d: services.acknowledge(o, actor=a, note=d["note"]),
        lambda o, u: o.status in (Status.SUBMITTED, Status.TRANSFERRED),
    ),
    Action(
        "start",
        _("Mark as in progress"),
        ati_forms.NoteForm,
        lambda o, a, d: services.start_work(o, actor=a, note=d["note"]),
        lambda o, u: o.status in (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.TRANSFERRED),
    ),
    Action(
        "accept_urgency",
        _("Accept urgency (3 working days)"),
        ati_forms.OptionalReasonForm,
        lambda o, a, d: services.accept_urgency(o, actor=a, reason=d["reason"]),
        lambda o, u: _open(o, u) and o.urgency == InformationRequest.Urgency.PENDING,
    ),
    Action(
        "decline_urgency",
        _("Decline urgency (20 working days)"),
        ati_forms.ReasonForm,
        lambda o, a, d: services.decline_urgency(o, actor=a, reason=d["reason"]),
        lambda o, u: _open(o, u) and o.urgency == InformationRequest.Urgency.PENDING,
    ),
    Action(
        "answer",
        _("Send the answer"),
        ati_forms.AnswerForm,
        lambda o, a, d: services.answer(
            o,
            actor=a,
            text=d["text"],
            partial=d["partial"],
            redaction_note=d["redaction_note"],
            files=d["files"],
        ),
        _open,
    ),
    Action(
        "clarify",
        _("Ask for clarification"),
        ati_forms.QuestionForm,
        lambda o, a, d: services.request_clarification(o, actor=a, question=d["question"]),
        _open,
    ),
    Action(
        "extend",
        _("Extend the deadline by 20 working days"),
        ati_forms.ReasonForm,
        lambda o, a, d: services.extend(o, actor=a, reason=d["reason"]),
        lambda o, u: (
            o.status
            in (Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.TRANSFERRED)
            and not o.extension_days
        ),
    ),
    Action(
        "transfer",
        _("Transfer to the competent body"),
        ati_forms.TransferForm,
        lambda o, a, d: services.transfer(
            o, actor=a, to_administration=d["to_administration"], reason=d["reason"]
        ),
        _open,
    ),
    Action(
        "not_held",
        _("Information not held"),
        ati_forms.RequiredNoteForm,
        lambda o, a, d: services.mark_not_held(o, actor=a, note=d["note"]),
        _open,
    ),
    Action(
        "refuse",
        _("Refuse, with the legal ground"),
        ati_forms.RefuseForm,
        lambda o, a, d: services.refuse(o, actor=a, ground=d["ground"], reason=d["reason"]),
        _open,
        danger=True,
    ),
    Action(
        "head_decision",
        _("Record the head's decision on the complaint"),
        ati_forms.DecisionForm,
        lambda o, a, d: services.record_head_decision(
            o, actor=a, outcome=d["outcome"], decision=d["decision"]
        ),
        lambda o, u: (
            o.status == Status.APPEAL_HEAD
            and not (o.current_appeal and o.current_appeal.is_decided)
        ),
    ),
    Action(
        "cdai_decision",
        _("Record the CDAI's decision"),
        ati_forms.DecisionForm,
        lambda o, a, d: services.record_cdai_decision(
            o, actor=a, outcome=d["outcome"], decision=d["decision"]
        ),
        lambda o, u: (
            o.status == Status.APPEAL_CDAI
            and is_unscoped(u)
            and not (o.current_appeal and o.current_appeal.is_decided)
        ),
    ),
    Action(
        "close",
        _("Close the request"),
        ati_forms.NoteForm,
        lambda o, a, d: services.close(o, actor=a, note=d["note"]),
        lambda o, u: (
            o.status in (*InformationRequest.OUTCOME_STATUSES,)
            or (
                o.status in (Status.APPEAL_HEAD, Status.APPEAL_CDAI)
                and o.current_appeal is not None
                and o.current_appeal.is_decided
            )
        ),
    ),
]
ACTIONS_BY_NAME = {a.name: a for a in ACTIONS}


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("overdue")), ("open", _("open, on time"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "open":
            return queryset.open().filter(due_date__gte=timezone.localdate())
        return queryset


class StaffRequestForm(forms.ModelForm):
    """A request received by post, email or at the counter, typed in by staff."""

    class Meta:
        model = InformationRequest
        fields = [
            "administration",
            "channel",
            "received_on",
            "requester_name",
            "postal_address",
            "contact_email",
            "cin",
            "subject",
            "description",
            "preferred_format",
            "delivery",
            "is_private",
            "is_urgent",
            "urgency_justification",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            c for c in InformationRequest.Channel.choices if c[0] != InformationRequest.Channel.WEB
        ]
        self.fields["received_on"].initial = timezone.localdate

    def clean_cin(self):
        return ati_forms.normalise_cin(self.cleaned_data.get("cin", ""))


@admin.register(InformationRequest)
class InformationRequestAdmin(AdministrationScopedAdmin):
    scope_path = "administration"
    list_display = [
        "reference",
        "subject",
        "administration",
        "status",
        "channel",
        "received_on",
        "due_date",
        "overdue",
    ]
    list_filter = ["status", OverdueFilter, "channel", "urgency", "is_private", "administration"]
    search_fields = ["reference", "subject", "requester_name"]
    date_hierarchy = "received_on"
    list_select_related = ["administration"]
    change_form_template = "admin/transparency/informationrequest/change_form.html"

    @admin.display(boolean=True, description=_("overdue"))
    def overdue(self, obj):
        return obj.is_overdue()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = StaffRequestForm
            kwargs["fields"] = StaffRequestForm.Meta.fields
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return StaffRequestForm.Meta.fields
        fields = [
            "reference",
            "administration",
            "transferred_from",
            "status",
            "channel",
            "received_on",
            "deadline_explanation",
            "subject",
            "description",
            "preferred_format",
            "delivery",
            "is_private",
            "is_urgent",
            "urgency_justification",
            "urgency",
            "urgency_reason",
            "extension_reason",
            "clarification_question",
            "refusal_ground",
            "refusal_reason",
        ]
        if permissions.can_see_identity(request.user, obj):
            fields[6:6] = [
                "requester_name",
                "postal_address",
                "contact_email",
                "cin",
                "cin_repeats",
            ]
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return self.get_fields(request, obj)

    @admin.display(description=_("due date and how it was computed"))
    def deadline_explanation(self, obj):
        return obj.deadline().explain()

    @admin.display(description=_("other requests with this CIN"))
    def cin_repeats(self, obj):
        if not obj.cin_hash:
            return 0
        return InformationRequest.objects.filter(cin_hash=obj.cin_hash).exclude(pk=obj.pk).count()

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_record_request_for_someone(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return  # the change page is read-only: services change requests
        data = form.cleaned_data
        created = services.submit_request(
            actor=request.user,
            administration=data["administration"],
            channel=data["channel"],
            received_on=data["received_on"],
            requester_name=data["requester_name"],
            postal_address=data["postal_address"],
            contact_email=data["contact_email"],
            cin=data["cin"],
            subject=data["subject"],
            description=data["description"],
            preferred_format=data["preferred_format"],
            delivery=data["delivery"],
            is_private=data["is_private"],
            is_urgent=data["is_urgent"],
            urgency_justification=data["urgency_justification"],
        )
        obj.pk = created.pk
        obj.reference = created.reference
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        if change:
            return
        super().save_related(request, form, formsets, change)

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/act/<str:action>/",
                self.admin_site.admin_view(self.action_view),
                name="transparency_informationrequest_act",
            )
        ]
        return custom + super().get_urls()

    def _load(self, request, object_id):
        self._ensure_in_scope(request, object_id)
        return get_object_or_404(self.get_queryset(request), pk=object_id)

    def available_actions(self, request, obj):
        if not permissions.can_handle_request(request.user, obj):
            return []
        return [a for a in ACTIONS if a.allowed(obj, request.user)]

    def action_view(self, request, object_id, action):
        obj = self._load(request, object_id)
        spec = ACTIONS_BY_NAME.get(action)
        if spec is None:
            from django.http import Http404

            raise Http404
        if not permissions.can_handle_request(request.user, obj):
            raise PermissionDenied
        change_url = reverse("admin:transparency_informationrequest_change", args=[obj.pk])
        if request.method != "POST":
            return redirect(change_url)
        form = spec.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                spec.run(obj, request.user, form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    self.message_user(request, f"{spec.label}: {message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(action)s: done. The requester and followers are notified.")
                    % {"action": spec.label},
                    messages.SUCCESS,
                )
        else:
            for field_errors in form.errors.values():
                for message in field_errors:
                    self.message_user(request, f"{spec.label}: {message}", messages.ERROR)
        return redirect(change_url)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id:
            obj = self._load(request, object_id)
            extra_context["ati_actions"] = [
                {
                    "action": a,
                    "form": a.form(auto_id=f"id_{a.name}_%s"),
                    "url": reverse(
                        "admin:transparency_informationrequest_act", args=[obj.pk, a.name]
                    ),
                }
                for a in self.available_actions(request, obj)
            ]
            extra_context["ati_events"] = label_events(events_for(obj, public_only=False))
            extra_context["ati_answers"] = obj.answers.prefetch_related("attachments")
            extra_context["ati_appeals"] = obj.appeals.all()
            extra_context["ati_public_url"] = obj.get_absolute_url()
            # Read-only page: the actions below change the request, not a save button.
            extra_context.update(
                show_save=False, show_save_and_continue=False, show_save_and_add_another=False
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(RefusalGround)
class RefusalGroundAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_fr", "article", "is_active", "order"]
    list_editable = ["is_active", "order"]
    search_fields = ["code", "name_ar", "name_fr", "name_en"]

    def has_add_permission(self, request):
        return is_unscoped(request.user)

    def has_change_permission(self, request, obj=None):
        return is_unscoped(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user)
