from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.uploads import validate_many
from ogp_portal.directory.models import Administration, Commune, Province

from .models import Category, Complaint, ResponseTemplate
from .uploads import POLICY


def _as_pk(value) -> bool:
    """A value that can be looked up as a primary key: digits, and small enough for a 64-bit
    integer column (SQLite refuses bigger ones with an error instead of finding nothing)."""
    text = str(value or "")
    return text.isdigit() and int(text) < 2**63


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            files = [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        else:
            files = [super().clean(data, initial)] if data else []
        return [(f, sniffed.content_type) for f, sniffed in validate_many(files, POLICY)]


class _ComplaintFields(forms.Form):
    """What every intake form asks: the complaint itself and where it happened."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Complaint.Kind.choices,
        widget=forms.RadioSelect,
        initial="complaint",
    )
    administration = forms.ModelChoiceField(
        label=_("Administration concerned"),
        queryset=Administration.objects.active().order_by("name"),
        required=False,
        empty_label=_("I don't know: the portal will find it"),
        help_text=_("Leave empty if you don't know; the triage team will forward it."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(is_active=True),
        required=False,
        empty_label=_("Other / not listed"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, where and when. Do not include other people's personal data."),
    )
    province = forms.ModelChoiceField(
        label=_("Province or prefecture"),
        queryset=Province.objects.all(),
        required=False,
        empty_label="—",
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.ordered_by_name()
        province_id = self.data.get(self.add_prefix("province")) or self.initial.get("province")
        if _as_pk(province_id):
            self.fields["commune"].queryset = Commune.objects.filter(
                province_id=province_id
            ).ordered_by_name()
        administration_id = self.data.get(self.add_prefix("administration")) or self.initial.get(
            "administration"
        )
        categories = Category.objects.filter(is_active=True)
        if _as_pk(administration_id):
            # Only this administration's categories are offered (and accepted).
            self.fields["category"].queryset = categories.filter(
                administration_id=administration_id
            )
        else:
            self.fields["category"].queryset = categories.none()

    def clean(self):
        data = super().clean()
        category = data.get("category")
        administration = data.get("administration")
        if category and administration and category.administration_id != administration.pk:
            self.add_error(
                "category", _("This category does not belong to the chosen administration.")
            )
        return data


class ComplaintForm(_ComplaintFields):
    """The public web form."""

    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Photos or PDF, up to 5 files of 10 MB each."),
    )
    contact_preference = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Complaint.Contact.choices,
        widget=forms.RadioSelect,
        initial="email",
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Your email address"), required=False)
    contact_phone = forms.RegexField(
        label=_("Your phone number"),
        regex=r"^\+?[0-9 ]{8,20}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number such as +212 6 12 34 56 78.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            # A signed-in citizen's account already gives a name and an address.
            self.fields["contact_name"].widget = forms.HiddenInput()
            self.fields["contact_email"].help_text = _("Leave empty to use your account's address.")
        else:
            self.fields["contact_name"].required = True

    def clean(self):
        data = super().clean()
        signed_in = self.user is not None and self.user.is_authenticated
        preference = data.get("contact_preference")
        email = data.get("contact_email") or (self.user.email if signed_in else "")
        phone = data.get("contact_phone") or (self.user.phone if signed_in else "")
        if (
            preference == Complaint.Contact.EMAIL
            and not email
            and "contact_email" not in self.errors
        ):
            self.add_error("contact_email", _("Enter an email address to be contacted by email."))
        if preference in ("sms", "phone") and not phone and "contact_phone" not in self.errors:
            self.add_error(
                "contact_phone", _("Enter a phone number to be contacted by phone or SMS.")
            )
        return data


class StaffIntakeForm(_ComplaintFields):
    """A call-centre agent (or counter/mail staff) files on a caller's behalf."""

    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[
            (Complaint.Channel.PHONE, Complaint.Channel.PHONE.label),
            (Complaint.Channel.COUNTER, Complaint.Channel.COUNTER.label),
            (Complaint.Channel.MAIL, Complaint.Channel.MAIL.label),
        ],
        initial=Complaint.Channel.PHONE,
    )
    contact_name = forms.CharField(label=_("Caller's name"), max_length=150)
    contact_phone = forms.RegexField(
        label=_("Caller's phone number"),
        regex=r"^\+?[0-9 ]{8,20}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number such as +212 6 12 34 56 78.")},
    )
    contact_email = forms.EmailField(label=_("Caller's email address"), required=False)
    contact_preference = forms.ChoiceField(
        label=_("Preferred contact"), choices=Complaint.Contact.choices, initial="sms"
    )
    language = forms.ChoiceField(
        label=_("Caller's language"),
        choices=[("ar", "العربية"), ("fr", "Français"), ("en", "English")],
    )

    field_order = ["channel", "language", "kind", "administration", "category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.fields["category"].queryset.exists():
            # The admin has no dependent select: offer every category, labelled with its
            # administration; clean() checks the pair and the category implies the administration.
            self.fields["category"].queryset = Category.objects.filter(
                is_active=True
            ).select_related("administration")
            self.fields["category"].label_from_instance = lambda c: f"{c.administration} — {c}"

    def clean(self):
        data = super().clean()
        if data.get("channel") == Complaint.Channel.PHONE and not data.get("contact_phone"):
            self.add_error("contact_phone", _("Record the caller's phone number."))
        preference = data.get("contact_preference")
        if preference == "email" and not data.get("contact_email"):
            self.add_error("contact_email", _("Enter an email address to be contacted by email."))
        if preference in ("sms", "phone") and not data.get("contact_phone"):
            self.add_error(
                "contact_phone", _("Enter a phone number to be contacted by phone or SMS.")
            )
        return data


# --- citizen actions on the tracking page --------------------------------------------------


class RateForm(forms.Form):
    resolved = forms.TypedChoiceField(
        label=_("Did the answer solve your problem?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        label=_("Your rating of the answer"),
        choices=[(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the answer not solve the problem?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- staff actions in the admin -----------------------------------------------------------


class ForwardForm(forms.Form):
    administration = forms.ModelChoiceField(
        label=_("Administration"), queryset=Administration.objects.active()
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True), required=False
    )

    def clean(self):
        data = super().clean()
        category, administration = data.get("category"), data.get("administration")
        if category and administration and category.administration_id != administration.pk:
            self.add_error(
                "category", _("This category does not belong to the chosen administration.")
            )
        return data


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Complaint.RejectionReason.choices)
    note = forms.CharField(
        label=_("Explanation to the complainant"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferForm(forms.Form):
    to_administration = forms.ModelChoiceField(
        label=_("Transfer to"), queryset=Administration.objects.active()
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Response template"),
        queryset=ResponseTemplate.objects.none(),
        required=False,
        help_text=_("The text below is used if written; otherwise the template's text."),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "—"), *ResponseTemplate.Outcome.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if complaint is not None and complaint.administration_id:
            self.fields["template"].queryset = ResponseTemplate.objects.filter(
                administration_id=complaint.administration_id, is_active=True
            )

    def clean(self):
        data = super().clean()
        if not data.get("template") and not (data.get("text") or "").strip():
            raise ValidationError(_("Choose a response template or write the answer."))
        if not data.get("template") and not data.get("outcome"):
            self.add_error("outcome", _("Say whether the answer is positive, negative or partial."))
        return data


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
