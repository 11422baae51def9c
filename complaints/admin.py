"""Staff side: the central triage queue, the officers' scoped workspace, phone intake.

Triage (OGP staff) sees every complaint; a complaints officer sees only their
administration's (AdministrationScopedAdmin: 404 outside). Status changes are never
edited as fields: the change page carries one small form per allowed action, posted
to act_view, which calls complaints.services.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin
from ogp_portal.core.timeline import events_for

from . import services
from .analytics import compute_snapshot
from .forms import (
    AnswerForm,
    ForwardForm,
    MessageForm,
    NoteForm,
    RejectForm,
    StaffIntakeForm,
    TransferForm,
)
from .models import (
    AnalyticsSnapshot,
    ApiKey,
    Category,
    Complaint,
    ComplaintPolicy,
    ResponseTemplate,
)
from .permissions import can_file_for_caller, can_handle, can_triage

Status = Complaint.Status


class DeadlineFilter(admin.SimpleListFilter):
    title = _("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("triage", _("Awaiting triage")),
            ("to_answer", _("Awaiting an answer")),
            ("overdue", _("Overdue")),
            ("overdue_forward", _("Overdue to forward")),
            ("overdue_answer", _("Overdue to answer")),
            ("reopened", _("Reopened")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "triage":
            return queryset.awaiting_triage()
        if value == "to_answer":
            return queryset.filter(status__in=Complaint.AWAITING_ANSWER)
        if value == "overdue":
            return queryset.overdue()
        if value == "overdue_forward":
            return queryset.overdue_to_forward()
        if value == "overdue_answer":
            return queryset.overdue_to_answer()
        if value == "reopened":
            return queryset.filter(reopened_count__gt=0)
        return queryset


class ReceivedFilter(admin.SimpleListFilter):
    """Received: last 30 / 90 days, or a year. Replaces date_hierarchy, whose list of years is a
    SELECT DISTINCT over every complaint of the administration (a quarter of a second at
    300,000); the years here come from MIN and MAX, two index lookups."""

    title = _("received")
    parameter_name = "received"

    def lookups(self, request, model_admin):
        choices = [("30d", _("Last 30 days")), ("90d", _("Last 90 days"))]
        span = model_admin.get_queryset(request).aggregate(
            first=Min("received_at"), last=Max("received_at")
        )
        if span["first"] and span["last"]:
            first, last = timezone.localtime(span["first"]), timezone.localtime(span["last"])
            choices += [(str(year), str(year)) for year in range(last.year, first.year - 1, -1)]
        return choices

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value in ("30d", "90d"):
            since = timezone.now() - datetime.timedelta(days=int(value[:-1]))
            return queryset.filter(received_at__gte=since)
        if value.isdigit():
            return queryset.filter(received_at__year=int(value))
        return queryset


class CappedCountPaginator(Paginator):
    """Counts at most `cap` + 1 rows: an administration with 300,000 complaints would otherwise
    pay a full COUNT(*) on every page view. Past the cap the list says "more than 10,000"."""

    cap = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.cap + 1].count()


class ComplaintChangeList(ChangeList):
    @property
    def count_capped(self) -> bool:
        return self.result_count > self.paginator.cap

    @property
    def page_range(self):
        return self.paginator.get_elided_page_range(self.page_num)


# (action, form class, predicate(user, complaint) -> bool, allowed statuses, label)
def _actions():
    return {
        "forward": (ForwardForm, lambda u, c: can_triage(u), (Status.RECEIVED,), _("Forward")),
        "reject": (
            RejectForm,
            lambda u, c: can_triage(u),
            (Status.RECEIVED, Status.FORWARDED, Status.IN_PROGRESS),
            _("Reject"),
        ),
        "start": (
            forms.Form,
            can_handle,
            (Status.FORWARDED, Status.REOPENED),
            _("Take in hand"),
        ),
        "answer": (AnswerForm, can_handle, Complaint.AWAITING_ANSWER, _("Answer")),
        "transfer": (TransferForm, can_handle, Complaint.AWAITING_ANSWER, _("Transfer")),
        "message": (
            MessageForm,
            can_handle,
            tuple(s for s in Status.values if s != Status.REJECTED),
            _("Send to the complainant"),
        ),
        "note": (NoteForm, can_handle, tuple(Status.values), _("Add an internal note")),
        "close": (forms.Form, can_handle, (Status.ANSWERED,), _("Close")),
    }


def _run(action, complaint, user, data):
    if action == "forward":
        services.forward(
            complaint, actor=user, administration=data["administration"], category=data["category"]
        )
    elif action == "reject":
        services.reject(complaint, actor=user, reason=data["reason"], note=data["note"])
    elif action == "start":
        services.start(complaint, actor=user)
    elif action == "answer":
        services.answer(
            complaint,
            actor=user,
            outcome=data["outcome"],
            text=data["text"],
            template=data["template"],
        )
    elif action == "transfer":
        services.transfer(
            complaint,
            actor=user,
            to_administration=data["to_administration"],
            reason=data["reason"],
        )
    elif action == "message":
        services.post_message(complaint, actor=user, body=data["body"], from_complainant=False)
    elif action == "note":
        services.add_note(complaint, actor=user, body=data["body"])
    elif action == "close":
        services.close(complaint, actor=user)


def _make_form(action, form_class, complaint, data=None):
    kwargs = {"prefix": action}
    if form_class is AnswerForm:
        kwargs["complaint"] = complaint
    return form_class(data, **kwargs)


@admin.register(Complaint)
class ComplaintAdmin(AdministrationScopedAdmin):
    scope_path = "administration"
    change_form_template = "complaints/admin/complaint_change_form.html"
    change_list_template = "complaints/admin/complaint_change_list.html"
    list_display = [
        "reference",
        "status",
        "kind",
        "channel",
        "administration",
        "category",
        "received_at",
        "forward_due",
        "answer_due",
        "overdue",
    ]
    list_filter = [DeadlineFilter, ReceivedFilter, "status", "kind", "channel", "administration"]
    search_fields = ["reference", "subject"]
    list_select_related = ["administration", "category"]
    # An officer works a queue: 25 rows a page keeps the list quick on a million complaints.
    list_per_page = 25
    show_full_result_count = False
    paginator = CappedCountPaginator

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        if not is_unscoped(request.user):
            # Every row is the officer's own administration: the column says nothing.
            display.remove("administration")
        return display

    fieldsets = [
        (
            None,
            {"fields": ["reference", "status", "kind", "channel", "administration", "category"]},
        ),
        (_("Complaint"), {"fields": ["subject", "description", "province", "commune"]}),
        (
            _("Complainant"),
            {
                "fields": [
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "contact_preference",
                    "language",
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    "received_at",
                    "forward_due",
                    "forwarded_at",
                    "answer_due",
                    "answered_at",
                    "closed_at",
                ]
            },
        ),
        (
            _("Answer and rating"),
            {
                "fields": [
                    "answer_outcome",
                    "answer_text",
                    "rejection_reason",
                    "rejection_note",
                    "resolved",
                    "rating",
                    "rating_comment",
                    "reopened_count",
                    "reopen_reason",
                ]
            },
        ),
    ]

    def get_changelist(self, request, **kwargs):
        return ComplaintChangeList

    @admin.display(boolean=True, description=_("overdue"))
    def overdue(self, obj):
        return obj.is_overdue

    def get_readonly_fields(self, request, obj=None):
        return [f for fs in self.fieldsets for f in fs[1]["fields"]]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and can_file_for_caller(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # complaints are records; rejection is the way out

    def get_urls(self):
        opts = self.opts
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "intake/",
                self.admin_site.admin_view(self.intake_view),
                name=f"{prefix}_intake",
            ),
            path(
                "<path:object_id>/act/<str:action>/",
                self.admin_site.admin_view(self.act_view),
                name=f"{prefix}_act",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:complaints_complaint_intake")

    def intake_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StaffIntakeForm(request.POST or None, initial={"language": "ar"})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.file_complaint(
                    actor=request.user,
                    channel=data["channel"],
                    kind=data["kind"],
                    administration=data["administration"],
                    category=data["category"],
                    subject=data["subject"],
                    description=data["description"],
                    province=data["province"],
                    commune=data["commune"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    contact_preference=data["contact_preference"],
                    language=data["language"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Complaint %(reference)s filed; the caller receives the number by SMS.")
                    % {"reference": complaint.reference},
                )
                return redirect("admin:complaints_complaint_intake")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("File a complaint for a caller"),
            "form": form,
        }
        return TemplateResponse(request, "complaints/admin/intake.html", context)

    def act_view(self, request, object_id, action):
        if request.method != "POST":
            return redirect("admin:complaints_complaint_change", object_id)
        self._ensure_in_scope(request, object_id)
        complaint = get_object_or_404(self.get_queryset(request), pk=object_id)
        spec = _actions().get(action)
        if spec is None:
            raise PermissionDenied
        form_class, allowed, _statuses, _label = spec
        if not allowed(request.user, complaint):
            raise PermissionDenied
        form = _make_form(action, form_class, complaint, request.POST)
        if form.is_valid():
            try:
                _run(action, complaint, request.user, form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Done."))
        else:
            for field, errors in form.errors.items():
                for message in errors:
                    messages.error(
                        request,
                        f"{form[field].label}: {message}" if field != "__all__" else message,
                    )
        return redirect("admin:complaints_complaint_change", complaint.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._ensure_in_scope(request, object_id)
        complaint = self.get_queryset(request).filter(pk=object_id).first()
        # Every field is read-only: changes go through the workflow forms below the record.
        extra_context = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            **(extra_context or {}),
        }
        if complaint is not None:
            workflow = []
            for action, (form_class, allowed, statuses, label) in _actions().items():
                if complaint.status in statuses and allowed(request.user, complaint):
                    workflow.append(
                        {
                            "action": action,
                            "label": label,
                            "form": _make_form(action, form_class, complaint),
                            "url": reverse(
                                "admin:complaints_complaint_act", args=[complaint.pk, action]
                            ),
                        }
                    )
            labels = services.event_labels()
            events = list(events_for(complaint, public_only=False))
            for event in events:
                event.kind_label = labels.get(event.kind, event.kind)
            extra_context.update(
                {
                    "workflow": workflow,
                    "thread": complaint.messages.select_related("author"),
                    "notes": complaint.internal_notes.select_related("author"),
                    "transfers": complaint.transfers.select_related(
                        "from_administration", "to_administration"
                    ),
                    "attachments": complaint.attachments.all(),
                    "events": events,
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Category)
class CategoryAdmin(AdministrationScopedAdmin, TranslationAdmin):
    list_display = ["name", "code", "administration", "is_active", "order"]
    list_filter = ["is_active", "administration"]
    search_fields = ["name_ar", "name_fr", "name_en", "code"]
    prepopulated_fields = {"code": ("name_fr",)}


@admin.register(ResponseTemplate)
class ResponseTemplateAdmin(AdministrationScopedAdmin):
    list_display = ["title", "outcome", "administration", "is_active"]
    list_filter = ["outcome", "is_active", "administration"]
    search_fields = ["title", "body"]


class _UnscopedOnly:
    """Portal-wide settings: only OGP staff and superusers."""

    def has_module_permission(self, request):
        return is_unscoped(request.user)

    def has_view_permission(self, request, obj=None):
        return is_unscoped(request.user)

    def has_add_permission(self, request):
        return is_unscoped(request.user)

    def has_change_permission(self, request, obj=None):
        return is_unscoped(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ComplaintPolicy)
class ComplaintPolicyAdmin(_UnscopedOnly, admin.ModelAdmin):
    list_display = ["__str__", "forward_days", "answer_days", "reopen_days", "reminder_days"]

    def has_add_permission(self, request):
        return is_unscoped(request.user) and not ComplaintPolicy.objects.exists()


@admin.register(ApiKey)
class ApiKeyAdmin(_UnscopedOnly, admin.ModelAdmin):
    list_display = ["name", "prefix", "is_active", "issued_by", "last_used_at", "created_at"]
    readonly_fields = ["prefix", "issued_by", "last_used_at"]
    fields = ["name", "is_active", "prefix", "issued_by", "last_used_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            raw = obj.set_new_key()
            obj.issued_by = request.user
            super().save_model(request, obj, form, change)
            messages.warning(
                request,
                _("The key for %(name)s is %(key)s. Copy it now: it is not shown again.")
                % {"name": obj.name, "key": raw},
            )
            return
        super().save_model(request, obj, form, change)


@admin.register(AnalyticsSnapshot)
class AnalyticsSnapshotAdmin(_UnscopedOnly, admin.ModelAdmin):
    change_list_template = "complaints/admin/snapshot_change_list.html"
    list_display = ["computed_at", "total", "period_start", "period_end", "duration_ms"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "compute/",
                self.admin_site.admin_view(self.compute_view),
                name="complaints_analyticssnapshot_compute",
            ),
            *super().get_urls(),
        ]

    def compute_view(self, request):
        if request.method != "POST" or not is_unscoped(request.user):
            raise PermissionDenied
        snapshot = compute_snapshot()
        messages.success(
            request,
            _("Statistics recomputed at %(time)s.")
            % {"time": timezone.localtime(snapshot.computed_at).strftime("%H:%M")},
        )
        return redirect("admin:complaints_analyticssnapshot_changelist")
