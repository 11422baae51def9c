from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from transparency.models import ActionPlan, GeneratedReport


class ReportRequestForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=ActionPlan.objects.all(), label=_("plan"))
    fmt = forms.ChoiceField(choices=GeneratedReport.Format.choices, label=_("format"))
    language = forms.ChoiceField(choices=settings.LANGUAGES, label=_("language"))
