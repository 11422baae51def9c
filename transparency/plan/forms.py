from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from transparency.models import Comment, Commitment, Idea, MilestoneEvidence, Theme

from .links import commitment_title, public_commitments

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_IMPORT_BYTES = 2 * 1024 * 1024

# Accepted evidence, recognised by the file's first bytes (not its name): extension -> signatures.
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
}


def validate_evidence_file(upload) -> None:
    """Size at most 10 MB; a PDF, image or office document by its content, not its name."""
    if upload is None:
        return
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    signatures = _SIGNATURES.get(extension)
    if signatures is None:
        raise ValidationError(
            _("Accepted files: PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS."), code="bad_type"
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(
            _("The file's content does not match its type (%(ext)s).") % {"ext": extension},
            code="bad_content",
        )


class EvidenceForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = MilestoneEvidence
        fields = ["title", "file", "url"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Only a new upload is checked (an existing FieldFile has no content_type).
        if upload and hasattr(upload, "content_type"):
            validate_evidence_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url") and not self.errors:
            raise ValidationError(_("Give a file or a link."))
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    stance = forms.ChoiceField(
        label=_("Your position"),
        choices=Comment.Stance.choices,
        initial=Comment.Stance.NEUTRAL,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    stance = forms.ChoiceField(
        choices=Comment.Stance.choices, initial=Comment.Stance.NEUTRAL, widget=forms.HiddenInput
    )
    parent = forms.IntegerField(widget=forms.HiddenInput)


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    text = forms.CharField(
        label=_("Your idea"),
        max_length=5000,
        help_text=_("What problem does it solve, and what should the government commit to?"),
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    commitment = forms.ModelChoiceField(
        label=_("Commitment it is about (optional)"),
        help_text=_("Point to a commitment of the action plan that your idea would improve."),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["theme"].queryset = plan.themes.all()
        self.fields["commitment"].queryset = public_commitments()
        self.fields["commitment"].label_from_instance = commitment_title


class IdeaDecisionAdminForm(forms.ModelForm):
    """The admin's answer to an idea: the reason is required, merging needs a commitment."""

    class Meta:
        model = Idea
        fields = ["status", "response", "merged_into"]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if self.instance.pk and self.instance.status != Idea.Status.SUBMITTED:
            if status != self.instance.status:
                raise ValidationError(_("This idea has already been answered."))
            return cleaned
        if status and status != Idea.Status.SUBMITTED:
            if not (cleaned.get("response") or "").strip():
                self.add_error("response", _("Every answer needs a reason, shown publicly."))
            if status == Idea.Status.MERGED and not cleaned.get("merged_into"):
                self.add_error("merged_into", _("Choose the commitment the idea is merged into."))
        return cleaned


class MilestoneCsvImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, at most 2 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        return upload
