from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth calls signup() after creating the user."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
    accept_notice = forms.BooleanField(
        label=_("I have read the personal data notice (Law 09-08)."),
        required=True,
        error_messages={
            "required": _("Please confirm that you have read the personal data notice.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = (get_language() or "ar")[:2]

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["full_name", "preferred_language"])


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        max_length=10,
        help_text=_(
            "Your account is closed and your name, email and phone are erased. "
            "Public records you contributed stay, without your name."
        ),
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() not in {"DELETE", "حذف", "SUPPRIMER"}:
            raise forms.ValidationError(_("Type DELETE to confirm."))
        return value


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )
