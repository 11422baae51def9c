from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContentReport


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"),
        choices=ContentReport.Reason.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
