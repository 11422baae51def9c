"""Admin for what every app shares: official holidays, timeline, notifications,
reference counters and moderation.

These models belong to no administration, so nothing here is scoped: a user sees
them only with the model permissions (OGP staff; moderators for moderation).
Records written by services (timeline events, notifications, counters) are
read-only here; moderation decisions go through core.moderation.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import deadlines
from .models import (
    ContentReport,
    Link,
    ModerationCase,
    Notification,
    OfficialHoliday,
    ReferenceCounter,
    TimelineEvent,
)

HOLIDAY_SOURCE_LABELS = {
    deadlines.SOURCE_LIBRARY: _("holidays library"),
    deadlines.SOURCE_ESTIMATE: _("holidays library, estimated date"),
    deadlines.SOURCE_TABLE: _("official table"),
}


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that only services write: viewable, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _target_link(obj):
    """The generic target as text, linked to its admin page when it has one."""
    target = obj.target
    if target is None:
        return _("%(type)s #%(id)s (deleted)") % {
            "type": obj.content_type.name,
            "id": obj.object_id,
        }
    opts = target._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
    except NoReverseMatch:
        return str(target)
    return format_html('<a href="{}">{}</a>', url, target)


# --- Official holidays -------------------------------------------------------------


class HolidayYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        years = {d.year for d in model_admin.get_queryset(request).dates("date", "year")}
        years |= {this_year, this_year + 1}
        return [(str(year), str(year)) for year in sorted(years, reverse=True)]

    def queryset(self, request, queryset):
        year = selected_year(self.value())
        return queryset.filter(date__year=year) if year else queryset


def selected_year(value) -> int | None:
    if value and str(value).isdigit() and 1900 <= int(value) <= 2200:
        return int(value)
    return None


@admin.register(OfficialHoliday)
class OfficialHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "name", "kind", "source"]
    list_filter = [HolidayYearFilter, "kind"]
    search_fields = ["name", "source"]
    ordering = ["date"]
    # The template adds the year's calendar (library and table side by side) under the list.
    change_list_template = "admin/core/officialholiday/change_list.html"

    @admin.display(description=_("day"))
    def weekday(self, obj):
        return date_format(obj.date, "l")

    def changelist_view(self, request, extra_context=None):
        year = (
            selected_year(request.GET.get(HolidayYearFilter.parameter_name))
            or timezone.localdate().year
        )
        extra_context = {**(extra_context or {}), "holiday_calendar": self.holiday_calendar(year)}
        return super().changelist_view(request, extra_context=extra_context)

    def holiday_calendar(self, year: int) -> dict:
        """What the library says, what the table says, and what deadlines use, for one year."""
        library = {h.date: h for h in deadlines.library_holidays(year)}
        table = {row.date: row for row in OfficialHoliday.objects.filter(date__year=year)}
        effective = {h.date: h for h in deadlines.holidays_in(year)}
        rows = []
        for day in sorted(library.keys() | table.keys()):
            lib, row, used = library.get(day), table.get(day), effective.get(day)
            rows.append(
                {
                    "date": day,
                    "library_name": lib.name if lib else "",
                    "library_estimated": bool(lib and lib.estimated),
                    "table_row": row,
                    "is_day_off": used is not None,
                    "source": HOLIDAY_SOURCE_LABELS.get(used.source, "") if used else "",
                }
            )
        return {
            "year": year,
            "rows": rows,
            "previous_query": "?" + urlencode({HolidayYearFilter.parameter_name: year - 1}),
            "next_query": "?" + urlencode({HolidayYearFilter.parameter_name: year + 1}),
        }


# --- Timeline, notifications, counters ----------------------------------------------


@admin.register(TimelineEvent)
class TimelineEventAdmin(ReadOnlyAdmin):
    list_display = [
        "kind",
        "target_link",
        "actor_role",
        "from_status",
        "to_status",
        "is_public",
        "created_at",
    ]
    list_filter = ["kind", "content_type", "is_public"]
    list_select_related = ["content_type"]
    search_fields = ["kind", "object_id", "note"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("target")

    @admin.display(description=_("about"))
    def target_link(self, obj):
        return _target_link(obj)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = [
        "template",
        "channel",
        "address",
        "language",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "channel", "language"]
    search_fields = ["address", "template"]
    date_hierarchy = "created_at"


@admin.register(ReferenceCounter)
class ReferenceCounterAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "year", "last_value"]
    list_filter = ["prefix", "year"]
    ordering = ["-year", "prefix"]


# --- Moderation ---------------------------------------------------------------------


class ContentReportInline(admin.TabularInline):
    model = ContentReport
    # The reporter's identity is not needed to decide, so it is not shown (Law 09-08).
    fields = ["reason", "text", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ModerationCase)
class ModerationCaseAdmin(admin.ModelAdmin):
    list_display = [
        "target_link",
        "content_type",
        "status",
        "report_count",
        "auto_hidden",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["status", "auto_hidden", "content_type"]
    list_select_related = ["content_type", "decided_by"]
    ordering = ["-report_count", "created_at"]
    inlines = [ContentReportInline]
    actions = ["hide_selected", "keep_selected"]
    fields = [
        "target_link", "content_type", "object_id", "status", "report_count", "auto_hidden",
        "decided_by", "decided_at", "decision_note", "created_at",
    ]  # fmt: skip
    # A status changes only through core.moderation: the form shows, the actions decide.
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("target")

    def has_add_permission(self, request):
        return False  # cases open when content is reported

    def has_delete_permission(self, request, obj=None):
        return False  # the decision record stays

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("content"))
    def target_link(self, obj):
        return _target_link(obj)

    @admin.action(description=_("Hide selected content"), permissions=["change"])
    def hide_selected(self, request, queryset):
        from ogp_portal.core import moderation

        done = self._decide_each(request, queryset, moderation.hide)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d item hidden.", "%(count)d items hidden.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Keep selected content visible"), permissions=["change"])
    def keep_selected(self, request, queryset):
        from ogp_portal.core import moderation

        done = self._decide_each(request, queryset, moderation.keep)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d item kept visible.", "%(count)d items kept visible.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    def _decide_each(self, request, queryset, decide) -> int:
        # One transaction per case (inside the service): one refusal does not undo the others.
        done = 0
        for case in queryset:
            try:
                decide(case, actor=request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    _("%(case)s: %(error)s") % {"case": case, "error": " ".join(exc.messages)},
                    messages.ERROR,
                )
            else:
                done += 1
        return done


# --- Links across apps --------------------------------------------------------------


def _end_link(content_type, object_id, obj):
    """One end of a link as text, linked to its admin page when it has one."""
    if obj is None:
        return _("%(type)s #%(id)s (deleted)") % {"type": content_type.name, "id": object_id}
    opts = obj._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return format_html("{} · {}", opts.verbose_name, obj)
    return format_html('{} · <a href="{}">{}</a>', opts.verbose_name, url, obj)


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    """Links between apps, for OGP staff: listed and removed here, created by the apps' forms
    and services (core.links); removal goes through core.links.remove_link (timeline)."""

    list_display = ["source_link", "kind", "target_link", "created_at"]
    list_filter = ["kind", "from_content_type", "to_content_type"]
    list_select_related = ["from_content_type", "to_content_type"]
    search_fields = ["from_object_id", "to_object_id"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "source_link",
        "kind",
        "target_link",
        "created_by",
        "created_at",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("source", "target")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("from"))
    def source_link(self, obj):
        return _end_link(obj.from_content_type, obj.from_object_id, obj.source)

    @admin.display(description=_("to"))
    def target_link(self, obj):
        return _end_link(obj.to_content_type, obj.to_object_id, obj.target)

    def delete_model(self, request, obj):
        from . import links

        links.remove_link(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        from . import links

        for link in queryset:
            links.remove_link(link, actor=request.user)


class LinkedPagesMixin:
    """For an app's ModelAdmin: add "linked_pages" to readonly_fields (and fields or fieldsets)
    to show, on the change page, every link from and to the object, public or not."""

    @admin.display(description=_("links across the portal"))
    def linked_pages(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        rows = []
        for link in Link.objects.touching(obj).select_related(
            "from_content_type", "to_content_type"
        ):
            outgoing = link.from_content_type.model_class() is type(obj) and (
                link.from_object_id == str(obj.pk)
            )
            if outgoing:
                other = _end_link(link.to_content_type, link.to_object_id, link.target)
            else:
                other = _end_link(link.from_content_type, link.from_object_id, link.source)
            arrow = "→" if outgoing else "←"
            rows.append(format_html("<li>{} {} ({})</li>", arrow, other, link.get_kind_display()))
        if not rows:
            return "—"
        return format_html(
            '<ul class="mb-0">{}</ul>', format_html_join("", "{}", ((r,) for r in rows))
        )
