"""Admin: civil servants publish their administration's datasets (scoped), answer the
requests addressed to it; moderators and OGP staff moderate reuses."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ogp_portal.accounts.permissions import is_unscoped
from ogp_portal.core.admin import LinkedPagesMixin
from ogp_portal.core.admin_scoping import AdministrationScopedAdmin

from . import links as dataset_links
from . import services
from .forms import ResourceForm, ReuseAdminForm
from .models import Dataset, DatasetRequest, Licence, PublisherProfile, Resource, Reuse, Tag, Theme
from .permissions import can_moderate_reuses


class DatasetAdminForm(forms.ModelForm):
    """The dataset, plus the commitments of the action plan it serves (links across apps)."""

    commitments = forms.ModelMultipleChoiceField(
        label=_("Commitments of the action plan"),
        help_text=_("The commitments this dataset serves; they show it on their public page."),
        queryset=None,
        required=False,
        widget=FilteredSelectMultiple(_("commitments"), is_stacked=False),
    )

    class Meta:
        model = Dataset
        fields = ["slug", "publisher", "is_published"]  # the admin adds its fieldsets' fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = dataset_links.commitment_choices()
        if choices is None:  # transparency is not installed: nothing to link to
            del self.fields["commitments"]
            return
        self.fields["commitments"].queryset = choices
        if self.instance.pk:
            self.fields["commitments"].initial = [
                c.pk for c in dataset_links.linked_commitments(self.instance)
            ]


class ResourceInline(admin.StackedInline):
    model = Resource
    form = ResourceForm
    extra = 0
    fields = ["title", "kind", "url", "file", "format", "size", "description", "last_modified"]
    readonly_fields = ["size"]


@admin.register(Dataset)
class DatasetAdmin(LinkedPagesMixin, AdministrationScopedAdmin, TranslationAdmin):
    scope_path = "publisher"
    scoped_list_filters = ("publisher",)
    list_display = ["title", "publisher", "quality_score", "is_published", "modified"]
    list_filter = ["is_published", "quality_band", "themes", "licence", "publisher"]
    search_fields = ["title_ar", "title_fr", "title_en", "slug"]
    prepopulated_fields = {"slug": ("title_fr",)}
    filter_horizontal = ["themes", "regions", "tags"]
    readonly_fields = ["quality_score", "export_key", "linked_pages"]
    inlines = [ResourceInline]
    form = DatasetAdminForm
    fieldsets = [
        (None, {"fields": ["slug", "title", "description", "publisher", "is_published"]}),
        (_("Classification"), {"fields": ["themes", "tags", "licence"]}),
        (_("Action plan"), {"fields": ["commitments", "linked_pages"]}),
        (
            _("Coverage and updates"),
            {
                "fields": [
                    "frequency",
                    "temporal_start",
                    "temporal_end",
                    "is_national",
                    "regions",
                    "issued",
                    "modified",
                ]
            },
        ),
        (_("Contact"), {"fields": ["contact_point", "contact_url"]}),
        (_("Quality"), {"fields": ["quality_score", "export_key"]}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if not is_unscoped(request.user) and request.user.administration_id:
            initial.setdefault("publisher", request.user.administration_id)
        return initial

    def save_model(self, request, obj, form, change):
        if not change and not is_unscoped(request.user) and obj.publisher_id is None:
            obj.publisher_id = request.user.administration_id
        super().save_model(request, obj, form, change)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if dataset_links.commitment_choices() is None:
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f != "commitments"]})
                for name, options in fieldsets
            ]
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_quality()
        if "commitments" in form.cleaned_data:
            try:
                dataset_links.set_commitments(
                    form.instance, form.cleaned_data["commitments"], actor=request.user
                )
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(
                    request,
                    " ".join(getattr(exc, "messages", [])) or _("Not allowed to link commitments."),
                    messages.ERROR,
                )


@admin.register(PublisherProfile)
class PublisherProfileAdmin(AdministrationScopedAdmin):
    scope_path = "administration"
    list_display = ["administration", "status", "data_officer_title", "joined_on"]
    list_filter = ["status"]
    search_fields = ["administration__name_fr", "administration__name_ar", "administration__slug"]
    autocomplete_fields = ["administration"]

    def get_readonly_fields(self, request, obj=None):
        # Adoption status is OGP staff's call; a civil servant keeps the profile's text current.
        if is_unscoped(request.user):
            return []
        return ["administration", "status", "joined_on"]


@admin.action(description=_("Publish the selected reuses"))
def publish_reuses(modeladmin, request, queryset):
    done = 0
    for reuse in queryset:
        try:
            services.publish_reuse(reuse, actor=request.user)
            done += 1
        except (ValidationError, PermissionDenied):
            continue
    modeladmin.message_user(request, _("%(count)d reuses published.") % {"count": done})


@admin.register(Reuse)
class ReuseAdmin(admin.ModelAdmin):
    form = ReuseAdminForm
    list_display = ["title", "type", "status", "is_hidden", "created_at"]
    list_filter = ["status", "type", "is_hidden"]
    search_fields = ["title", "description"]
    readonly_fields = ["status", "submitted_by", "published_at", "created_at"]
    autocomplete_fields = ["datasets"]
    actions = [publish_reuses]
    fields = [
        "type",
        "title",
        "description",
        "url",
        "image",
        "datasets",
        "status",
        "moderation_note",
        "submitted_by",
        "published_at",
        "is_hidden",
    ]

    # Civil servants hold opendata permissions for their datasets; reuses are the moderators'.
    def has_view_permission(self, request, obj=None):
        return can_moderate_reuses(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return can_moderate_reuses(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False  # reuses are submitted on the public site

    def has_delete_permission(self, request, obj=None):
        return can_moderate_reuses(request.user) and super().has_delete_permission(request, obj)

    def response_change(self, request, obj):
        for key, service in (
            ("_publish", services.publish_reuse),
            ("_reject", services.reject_reuse),
        ):
            if key in request.POST:
                try:
                    service(obj, actor=request.user, note=obj.moderation_note)
                    self.message_user(request, _("Decision recorded."))
                except ValidationError as exc:
                    self.message_user(request, " ".join(exc.messages), level=messages.ERROR)
        return super().response_change(request, obj)


class DatasetRequestAnswerForm(forms.ModelForm):
    """A publisher answers: planned, published (link a dataset) or refused (with a reason)."""

    decision = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        choices=[
            ("", _("No new answer")),
            (DatasetRequest.Status.PLANNED, _("Publication planned")),
            (DatasetRequest.Status.PUBLISHED, _("Published: link the dataset")),
            (DatasetRequest.Status.REFUSED, _("Refused: give the reason")),
        ],
    )
    answer_text = forms.CharField(
        label=_("Answer text"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = DatasetRequest
        fields = ["planned_for", "dataset"]


@admin.register(DatasetRequest)
class DatasetRequestAdmin(LinkedPagesMixin, AdministrationScopedAdmin):
    scope_path = "publisher"
    scoped_list_filters = ("publisher",)
    form = DatasetRequestAnswerForm
    list_display = ["title", "publisher", "status", "created_at", "answered_at"]
    list_filter = ["status", "publisher"]
    search_fields = ["title", "description"]
    readonly_fields = [
        "title",
        "description",
        "publisher",
        "status",
        "answer",
        "answered_at",
        "created_at",
        "linked_pages",
    ]
    fields = [
        "title",
        "description",
        "publisher",
        "status",
        "answer",
        "answered_at",
        "linked_pages",  # e.g. the refused information request it was made from
        "decision",
        "answer_text",
        "planned_for",
        "dataset",
    ]
    autocomplete_fields = ["dataset"]

    def has_add_permission(self, request):
        return False  # citizens file requests on the public site

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        text = form.cleaned_data.get("answer_text", "")
        original = DatasetRequest.objects.get(pk=obj.pk)
        try:
            if decision == DatasetRequest.Status.PLANNED:
                services.plan_request(
                    original,
                    actor=request.user,
                    answer=text,
                    planned_for=form.cleaned_data.get("planned_for"),
                )
            elif decision == DatasetRequest.Status.PUBLISHED:
                if not form.cleaned_data.get("dataset"):
                    raise ValidationError(_("Link the published dataset."))
                services.answer_with_dataset(
                    original, actor=request.user, dataset=form.cleaned_data["dataset"], answer=text
                )
            elif decision == DatasetRequest.Status.REFUSED:
                services.refuse_request(original, actor=request.user, reason=text)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), level=messages.ERROR)


class VocabularyAdminMixin:
    """The vocabularies are OGP staff's: civil servants may read them only."""

    def has_add_permission(self, request, *args):
        return is_unscoped(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_unscoped(request.user) and super().has_delete_permission(request, obj)


@admin.register(Theme)
class ThemeAdmin(VocabularyAdminMixin, TranslationAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(Licence)
class LicenceAdmin(VocabularyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "is_open", "url"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]
