"""ALTCHA proof of work for public forms, shared by the apps (a field, its widget and the
challenge view they fetch from).

The widget fetches a one-time challenge from an uncached view (`challenge_response`), so no
challenge is ever baked into a cached page; the page links the widget's script
(`altcha/altcha.min.js`, `altcha/dist_i18n/all.min.js`) and its stylesheet
(`core/altcha.css`, with the id `__altcha-css` so that the widget injects no <style>, which the
CSP forbids). Each solved challenge passes once. Work per challenge: `ALTCHA_MAX_NUMBER`
(about a second on a phone by default). With `ALTCHA_VERIFICATION_ENABLED` off (the form
fuzzing tests) the field checks nothing.

Petitions still has its own copy (petitions.forms.ChallengeField); it can switch to this one.
"""

import base64
import json

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_altcha import AltchaField, AltchaWidget

DEFAULT_MAX_NUMBER = 200_000


def max_number() -> int:
    return int(getattr(settings, "ALTCHA_MAX_NUMBER", DEFAULT_MAX_NUMBER))


def challenge_response(request=None) -> JsonResponse:
    """A fresh one-time challenge as JSON. Views serving it must be never_cache and GET only."""
    from django_altcha import get_altcha_challenge

    response = JsonResponse(get_altcha_challenge(max_number=max_number()).to_dict())
    response["Cache-Control"] = "no-store"
    return response


class ChallengeWidget(AltchaWidget):
    template_name = "core/widgets/altcha.html"  # in the app: the form renderer looks there

    def __init__(self, *args, noscript=None, **kwargs):
        self.noscript = noscript
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        # Not AltchaWidget.get_context: it would mutate options shared by every form instance.
        context = super(AltchaWidget, self).get_context(name, value, attrs)
        options = {**self.options, "language": (get_language() or settings.LANGUAGE_CODE)[:2]}
        context["widget"]["altcha_options"] = self.encode_values(options)
        context["widget"]["noscript"] = self.noscript or _(
            "This form needs JavaScript: a small calculation in your browser checks that you "
            "are not a robot, without tracking you. Please enable JavaScript, or use another "
            "browser."
        )
        return context


class ChallengeField(AltchaField):
    """ChallengeField(label=..., challengeurl=reverse_lazy(...), noscript=...): the ALTCHA
    check, with messages in the user's language and a replay check that is one atomic write."""

    widget = ChallengeWidget
    default_error_messages = {
        "error": _("The anti-robot check could not be read. Please send the form again."),
        "invalid": _("The anti-robot check failed or expired. Please send the form again."),
        "required": _(
            "Please wait until the anti-robot check says it is verified, then send the form."
        ),
        "replay": _("This anti-robot check was already used. Please send the form again."),
    }

    def __init__(self, *args, noscript=None, auto="onload", hidefooter=True, **kwargs):
        super().__init__(*args, auto=auto, hidefooter=hidefooter, **kwargs)
        self.widget.noscript = noscript

    def replay_attack_protection(self, payload):
        """Each solved challenge passes once: one atomic cache write (SET NX on Redis), so two
        simultaneous posts of the same solution cannot both pass (django-altcha's own check
        reads, then writes)."""
        from django_altcha import get_cache, get_challenge_expire_seconds

        try:
            challenge = json.loads(base64.b64decode(payload).decode())["challenge"]
        except (ValueError, TypeError, KeyError):
            raise forms.ValidationError(self.error_messages["error"], code="error") from None
        if not get_cache().add(challenge, True, timeout=get_challenge_expire_seconds()):
            raise forms.ValidationError(self.error_messages["replay"], code="invalid")
