"""Forms of the ATI part: the citizen's request, clarification and complaint; the officer's actions."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ogp_portal.directory.models import Administration
from transparency.models import InformationRequest, RefusalGround, RequestAppeal

CIN_RE = re.compile(r"^[A-Z]{1,2}\d{3,8}$")


def normalise_cin(value: str) -> str:
    return "".join((value or "").split()).upper()


class AdministrationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RequestForm(forms.Form):
    """The official model form of Law 31-13, filed on the portal."""

    administration = AdministrationChoiceField(
        label=_("Administration asked"),
        queryset=Administration.objects.active(),
        empty_label=_("Choose an administration"),
    )
    requester_name = forms.CharField(label=_("First and last name"), max_length=150)
    postal_address = forms.CharField(
        label=_("Postal address"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
    cin = forms.CharField(
        label=_("CIN or residence permit number"),
        max_length=20,
        help_text=_("Seen only by the information officers of the body you ask; never published."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Information requested"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Describe the documents or data as precisely as you can."),
    )
    preferred_format = forms.ChoiceField(
        label=_("Preferred format"), choices=InformationRequest.Format.choices
    )
    delivery = forms.ChoiceField(label=_("Delivery"), choices=InformationRequest.Delivery.choices)
    is_urgent = forms.BooleanField(
        label=_("Urgent: the information is needed to protect a person's life, safety or freedom"),
        required=False,
    )
    urgency_justification = forms.CharField(
        label=_("Why it is urgent"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    is_private = forms.BooleanField(
        label=_("Keep my request out of the public register"),
        required=False,
        help_text=_(
            "Published requests never show your name; a private request is seen only by you "
            "and the body's information officers."
        ),
    )
    eligibility = forms.BooleanField(
        label=_(
            "I declare that I am a Moroccan citizen or a foreigner legally resident in Morocco."
        ),
        error_messages={"required": _("Only citizens and legal residents may ask (Law 31-13).")},
    )

    def clean_cin(self):
        cin = normalise_cin(self.cleaned_data["cin"])
        if not CIN_RE.match(cin):
            raise forms.ValidationError(
                _("Enter a CIN or residence permit number such as AB123456.")
            )
        return cin

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_urgent") and not (cleaned.get("urgency_justification") or "").strip():
            self.add_error(
                "urgency_justification", _("Say why the information is needed urgently.")
            )
        return cleaned


class ClarificationForm(forms.Form):
    text = forms.CharField(
        label=_("Your clarification"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("Why you complain"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


# --- The officer's actions (admin) ---------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the requester"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RequiredNoteForm(forms.Form):
    note = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Question to the requester"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    partial = forms.BooleanField(label=_("Partial answer (part withheld)"), required=False)
    redaction_note = forms.CharField(
        label=_("What was redacted or withheld, and why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    files = MultipleFileField(
        label=_("Attachments (PDF, images, office documents; 10 MB each)"), required=False
    )


class RefuseForm(forms.Form):
    ground = forms.ModelChoiceField(
        label=_("Legal ground"), queryset=RefusalGround.objects.filter(is_active=True)
    )
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class TransferForm(forms.Form):
    to_administration = AdministrationChoiceField(
        label=_("Competent administration"), queryset=Administration.objects.active()
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in RequestAppeal.Outcome.choices if c[0]],
    )
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
