import functools

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_altcha import AltchaField, AltchaWidget

from ogp_portal.directory.models import Administration, Commune, Province, Region

from . import eligibility, identity, memo, validators
from .models import CommitteeMember, Petition

NATIONAL_ADDRESSEES = ("chef-du-gouvernement", "chambre-representants", "chambre-conseillers")
CHAMBERS = ("chambre-representants", "chambre-conseillers")
LOCAL_KINDS = (
    Administration.Kind.REGIONAL_COUNCIL,
    Administration.Kind.PROVINCIAL_COUNCIL,
    Administration.Kind.COMMUNAL_COUNCIL,
)
# Attachments and paper scans: PDF, PNG or JPEG, recognised by their content (the portal's
# one upload policy, ogp_portal.core.uploads), at most PETITIONS_MAX_UPLOAD_BYTES each.
UPLOAD_POLICY = validators.UPLOAD_POLICY
max_upload_bytes = validators.max_upload_bytes
check_upload = validators.check_upload


def petition_addressees():
    return Administration.objects.active().filter(slug__in=NATIONAL_ADDRESSEES) | (
        Administration.objects.active().filter(kind__in=LOCAL_KINDS)
    )


class PetitionForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("Attachment (PDF, PNG or JPEG)"), required=False, help_text=_("5 MB at most.")
    )
    # An association may author a local petition (constituted > 3 years, seat in the territory).
    author_type = forms.ChoiceField(
        label=_("Who petitions"),
        choices=[
            ("citizens", _("Citizens (the committee)")),
            ("association", _("An association (local petitions only)")),
        ],
        initial="citizens",
        required=False,  # absent = citizens
        widget=forms.RadioSelect,
    )
    association_name = forms.CharField(label=_("Association name"), max_length=200, required=False)
    association_registration_number = forms.CharField(
        label=_("Association registration number"), max_length=60, required=False
    )
    association_founded_on = forms.DateField(
        label=_("Date of constitution of the association"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("It must have been constituted more than 3 years ago."),
    )
    association_seat_province = forms.ModelChoiceField(
        label=_("Province or prefecture of the association's seat"),
        queryset=Province.objects.none(),
        required=False,
    )
    association_seat_commune = forms.ModelChoiceField(
        label=_("Commune of the association's seat (code)"),
        queryset=Commune.objects.all(),
        required=False,
        to_field_name="code",
        widget=forms.TextInput(),
        help_text=_("Required for a petition to a communal council: the commune's census code."),
    )
    commitment = forms.ModelChoiceField(
        label=_("Commitment of the action plan it is about (optional)"),
        queryset=None,
        required=False,
    )
    ASSOCIATION_FIELDS = {
        "association_name": "name",
        "association_registration_number": "registration_number",
        "association_founded_on": "founded_on",
        "association_seat_province": "seat_province",
        "association_seat_commune": "seat_commune",
    }

    class Meta:
        model = Petition
        fields = [
            "kind",
            "addressee",
            "region",
            "province",
            "commune",
            "theme",
            "title",
            "text",
            "memo",
            "confirms_general_interest",
            "confirms_constants",
            "confirms_no_court_case",
            "confirms_not_discriminatory",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "memo": forms.Textarea(attrs={"rows": 8}),
            "commune": forms.NumberInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = petition_addressees().order_by("kind", "name")
        self.fields["region"].queryset = Region.objects.ordered_by_name()
        self.fields["province"].queryset = Province.objects.with_council().ordered_by_name()
        self.fields["commune"] = forms.ModelChoiceField(
            queryset=Commune.objects.all(),
            required=False,
            label=_("Commune (code)"),
            to_field_name="code",
            widget=forms.TextInput(),
            help_text=_("For a communal council: the commune's census code."),
        )
        self.fields["memo"].required = True
        from ogp_portal.core import links as core_links

        self.fields["commitment"].queryset = core_links.public_queryset("transparency.commitment")
        if self.instance.pk and not self.is_bound:
            from .links import commitment_of

            found = commitment_of(self.instance)
            self.initial["commitment"] = found.pk if found else None
        self.fields[
            "association_seat_province"
        ].queryset = Province.objects.with_council().ordered_by_name()
        association = self.instance.association_author if self.instance.pk else None
        if association is not None and not self.is_bound:
            self.initial["author_type"] = "association"
            for field, attr in self.ASSOCIATION_FIELDS.items():
                value = getattr(association, attr)
                self.initial[field] = (
                    getattr(value, "code", None) if attr == "seat_commune" else value
                )

    def association_data(self) -> dict | None:
        """The authoring association for services.create_draft / update_draft, or None."""
        if self.cleaned_data.get("author_type") != "association":
            return None
        return {attr: self.cleaned_data.get(f) for f, attr in self.ASSOCIATION_FIELDS.items()}

    def draft_data(self) -> dict:
        skip = {"attachment", "author_type", "commitment", *self.ASSOCIATION_FIELDS}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return check_upload(upload) if upload else upload

    def clean(self):
        data = super().clean()
        kind, addressee = data.get("kind"), data.get("addressee")
        if not kind or not addressee:
            return data
        if kind == Petition.Kind.NATIONAL_PETITION and addressee.slug not in NATIONAL_ADDRESSEES:
            self.add_error(
                "addressee",
                _("A national petition goes to the Head of Government or one of the two chambers."),
            )
        elif kind == Petition.Kind.LEGISLATIVE_MOTION and addressee.slug not in CHAMBERS:
            self.add_error("addressee", _("A legislative motion goes to one of the two chambers."))
        elif kind == Petition.Kind.LOCAL_PETITION:
            self._clean_local(data, addressee)
        if kind != Petition.Kind.LOCAL_PETITION:
            data["region"] = data["province"] = data["commune"] = None
        if data.get("author_type") == "association" and not self.errors:
            self._clean_association(data)
        return data

    def _clean_association(self, data):
        for name in (
            "association_name",
            "association_registration_number",
            "association_founded_on",
            "association_seat_province",
        ):
            if not data.get(name):
                self.add_error(name, _("This field is required for an association."))
        if self.errors:
            return
        for problem in eligibility.association_problems(
            kind=data.get("kind"),
            region=data.get("region"),
            province=data.get("province"),
            commune=data.get("commune"),
            founded_on=data["association_founded_on"],
            seat_province=data["association_seat_province"],
            seat_commune=data.get("association_seat_commune"),
            today=timezone.localdate(),
        ):
            self.add_error(None, problem)

    def _clean_local(self, data, addressee):
        region, province, commune = data.get("region"), data.get("province"), data.get("commune")
        needed = {
            Administration.Kind.REGIONAL_COUNCIL: "region",
            Administration.Kind.PROVINCIAL_COUNCIL: "province",
            Administration.Kind.COMMUNAL_COUNCIL: "commune",
        }.get(addressee.kind)
        if needed is None:
            self.add_error(
                "addressee",
                _("A local petition goes to a regional, provincial or communal council."),
            )
            return
        if not data.get(needed):
            self.add_error(needed, _("Choose the territory of this council."))
            return
        if commune:
            province = data["province"] = commune.province
        if province:
            region = data["region"] = province.region
        if needed == "region":
            data["province"] = data["commune"] = None
        elif needed == "province":
            data["commune"] = None
        if addressee.region_id and region and addressee.region_id != region.pk:
            self.add_error("addressee", _("This council is not in the chosen region."))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (CommitteeMember.Role.MEMBER, CommitteeMember.Role.MEMBER.label),
            (CommitteeMember.Role.DEPUTY, CommitteeMember.Role.DEPUTY.label),
        ],
    )


class AcceptInvitationForm(forms.Form):
    show_name = forms.BooleanField(label=_("Show my name on the petition's page"), required=False)


def _territory_options(language, index, allowed):
    options = memo.territory_choices(language)[index]
    return [("", "---------"), *((pk, name) for pk, name in options if pk in allowed)]


def altcha_max_number() -> int:
    return int(getattr(settings, "PETITIONS_ALTCHA_MAX_NUMBER", 200_000))


class ChallengeWidget(AltchaWidget):
    """The ALTCHA web component fetching its one-time challenge from an uncached view, so that
    no challenge is ever baked into a cached page. Scripts and styles are linked by the page
    (templates/petitions/sign.html), with the CSP's blessing."""

    template_name = "petitions/widgets/altcha.html"  # in the app: the form renderer looks there

    def get_context(self, name, value, attrs):
        # Not AltchaWidget.get_context: it would mutate options shared by every form instance.
        context = super(AltchaWidget, self).get_context(name, value, attrs)
        options = {**self.options, "language": (get_language() or settings.LANGUAGE_CODE)[:2]}
        context["widget"]["altcha_options"] = self.encode_values(options)
        context["widget"]["noscript"] = _(
            "Signing needs JavaScript: a small calculation in your browser checks that you "
            "are not a robot, without tracking you. Please enable JavaScript, or sign from "
            "another browser."
        )
        return context


class ChallengeField(AltchaField):
    widget = ChallengeWidget
    default_error_messages = {
        "error": _("The anti-robot check could not be read. Please send the form again."),
        "invalid": _("The anti-robot check failed or expired. Please send the form again."),
        "required": _(
            "Please wait until the anti-robot check says it is verified, then send the form."
        ),
        "replay": _("This anti-robot check was already used. Please send the form again."),
    }

    def replay_attack_protection(self, payload):
        """Each solved challenge passes once: one atomic cache write (SET NX on Redis), so two
        simultaneous posts of the same solution cannot both pass (django-altcha's own check
        reads, then writes)."""
        import base64
        import json

        from django_altcha import get_cache, get_challenge_expire_seconds

        try:
            challenge = json.loads(base64.b64decode(payload).decode())["challenge"]
        except (ValueError, TypeError, KeyError):
            raise forms.ValidationError(self.error_messages["error"], code="error") from None
        if not get_cache().add(challenge, True, timeout=get_challenge_expire_seconds()):
            raise forms.ValidationError(self.error_messages["replay"], code="invalid")


class TerritoryField(forms.TypedChoiceField):
    """A region or province id among `allowed` (a set, checked without walking the choices,
    which are only listed when the form is shown)."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)
        self.allowed: set[int] | None = None

    def valid_value(self, value):
        if self.allowed is None:
            return super().valid_value(value)
        try:
            return int(value) in self.allowed
        except (TypeError, ValueError):
            return False


class SignForm(forms.Form):
    """The signing form. POST fields: csrfmiddlewaretoken, full_name, email (both absent for a
    signed-in user), cin, region, province, eligible, show_first_name, notify_progress, altcha
    (the ALTCHA payload)."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    cin = forms.CharField(
        label=_("National identity card number (CIN)"),
        max_length=20,
        help_text=_(
            "Stored only in an irreversible coded form, to count one signature per person."
        ),
    )
    # National petitions and motions only; checked, region and province are not required.
    abroad = forms.BooleanField(
        label=_("I live abroad (no region or province of residence)"), required=False
    )
    # Ids, with choices from memory (memo.territories): no query to show or check them.
    # Required unless `abroad` is checked (clean).
    region = TerritoryField(label=_("Region of residence"), required=False, empty_value=None)
    province = TerritoryField(
        label=_("Province or prefecture of residence"), required=False, empty_value=None
    )
    eligible = forms.BooleanField(
        label=_(
            "I declare that I am registered on the electoral lists and, for a local petition, that I live or work in its territory."
        )
    )
    show_first_name = forms.BooleanField(
        label=_("Show my first name and province among the signatories"), required=False
    )
    notify_progress = forms.BooleanField(
        label=_("Email me when the petition reaches its goal and when it is answered"),
        required=False,
    )
    altcha = ChallengeField(
        label=_("Anti-robot check"),
        challengeurl=reverse_lazy("petitions:altcha_challenge"),
        auto="onload",
        hidefooter=True,
    )

    def __init__(self, *args, user=None, petition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.territories = territories = memo.territories()
        region_ids, province_ids = set(territories.region_of.values()), set(territories.region_of)
        if petition is not None and petition.kind == Petition.Kind.LOCAL_PETITION:
            if petition.region_id:
                region_ids = {petition.region_id}
                province_ids = {
                    p for p, r in territories.region_of.items() if r == petition.region_id
                }
            if petition.province_id:
                province_ids = {petition.province_id}
        language = get_language()
        for name, allowed, index in (("region", region_ids, 0), ("province", province_ids, 1)):
            field = self.fields[name]
            field.allowed = allowed
            # Listed only when the form is rendered (a callable: lazy).
            field.choices = functools.partial(_territory_options, language, index, allowed)
        if user is not None and user.is_authenticated:
            del self.fields["full_name"]
            del self.fields["email"]
        if petition is not None and petition.kind == Petition.Kind.LOCAL_PETITION:
            del self.fields["abroad"]  # signed by people who live or work in the territory

    def clean_cin(self):
        cin = identity.normalise_cin(self.cleaned_data["cin"])
        if not identity.is_valid_cin(cin):
            raise forms.ValidationError(
                _("Enter the number of your national identity card (CIN), e.g. AB123456.")
            )
        return cin

    def clean(self):
        data = super().clean()
        if data.get("abroad"):
            data["region"] = data["province"] = None
            return data
        for name in ("region", "province"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        region, province = data.get("region"), data.get("province")
        if region and province and self.territories.region_of.get(province) != region:
            self.add_error("province", _("This province is not in the chosen region."))
        return data


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Petition.RejectionReason.choices)
    note = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 4}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the petition?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the petition's page if it was published."),
    )


class RemoveForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Petition.RemovalReason.choices)
    note = forms.CharField(
        label=_("Explanation (sent to the committee, kept in the record)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if not data:
            single(None, initial)  # "required" when it is
            return []
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


MAX_SCANS = 10


class PaperBatchForm(forms.Form):
    """Paper signatures: a count for each province of the petition's territory, and scans."""

    scans = MultipleFileField(
        label=_("Scanned signature sheets (PDF, PNG or JPEG)"),
        help_text=_("Up to 10 files of 5 MB at most each."),
    )
    note = forms.CharField(
        label=_("Note for the reviewer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = list(provinces)
        for province in self.provinces:
            self.fields[f"province_{province.pk}"] = forms.IntegerField(
                label=province.name, min_value=0, max_value=1_000_000, required=False
            )

    def province_fields(self):
        return [self[f"province_{p.pk}"] for p in self.provinces]

    def clean_scans(self):
        scans = self.cleaned_data.get("scans") or []
        if len(scans) > MAX_SCANS:
            raise forms.ValidationError(_("%(max)d files at most."), params={"max": MAX_SCANS})
        return [check_upload(upload) for upload in scans]

    def clean(self):
        data = super().clean()
        counts = {p: data.get(f"province_{p.pk}") or 0 for p in self.provinces}
        if not any(counts.values()):
            raise forms.ValidationError(
                _("Give the number of paper signatures of at least one province.")
            )
        data["counts"] = {p: n for p, n in counts.items() if n}
        return data


class ReviewPaperForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("verify", _("Verified: count them")), ("reject", _("Rejected"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (required to reject)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignatureSearchForm(forms.Form):
    """The moderators' search of one petition's signatures (GET)."""

    domain = forms.CharField(label=_("Email domain"), required=False, max_length=200)
    ip = forms.CharField(
        label=_("IP address or /24 network"),
        required=False,
        max_length=60,
        help_text=_("For example 192.0.2.10, 192.0.2.0/24 or 192.0.2.*"),
    )
    province = forms.ModelChoiceField(
        label=_("Province or prefecture"), queryset=Province.objects.none(), required=False
    )
    since = forms.DateTimeField(
        label=_("Signed from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    until = forms.DateTimeField(
        label=_("Signed before"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    state = forms.ChoiceField(
        label=_("Signatures"),
        required=False,
        choices=[
            ("all", _("All")),
            ("valid", _("Not invalidated")),
            ("invalidated", _("Invalidated")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.ordered_by_name()

    def clean_ip(self):
        from .abuse import parse_network

        value = self.cleaned_data.get("ip", "")
        try:
            return parse_network(value)
        except ValueError:
            raise forms.ValidationError(
                _("Enter an IP address, or a network of at most 256 addresses (a /24).")
            ) from None

    def clean_domain(self):
        domain = (self.cleaned_data.get("domain") or "").strip().lower().lstrip("@")
        if domain and ("@" in domain or " " in domain or "." not in domain):
            raise forms.ValidationError(_("Enter a domain such as example.com."))
        return domain

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] >= data["until"]:
            self.add_error("until", _("The end of the window must come after its start."))
        return data

    def has_criteria(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(k) for k in ("domain", "ip", "province", "since", "until"))

    def criteria(self) -> dict:
        """The search as JSON, kept on the InvalidationBatch."""
        data = self.cleaned_data
        return {
            "domain": data.get("domain") or "",
            "ip": str(data["ip"]) if data.get("ip") else "",
            "province": data["province"].code if data.get("province") else "",
            "since": data["since"].isoformat() if data.get("since") else "",
            "until": data["until"].isoformat() if data.get("until") else "",
        }


class InvalidateForm(forms.Form):
    reason = forms.CharField(label=_("Reason for invalidating"), max_length=200)
    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RestoreForm(forms.Form):
    batch = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for restoring"), max_length=200, required=False)


class RegionChoiceForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Your region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        empty_label=_("Choose your region"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.ordered_by_name()


class ResendConfirmationForm(forms.Form):
    """A signer asks for the confirmation link again: the CIN and email they signed with."""

    cin = forms.CharField(label=_("National identity card number (CIN)"), max_length=20)
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The address you gave when you signed: the link goes there only."),
    )

    def clean_cin(self):
        cin = identity.normalise_cin(self.cleaned_data["cin"])
        if not identity.is_valid_cin(cin):
            raise forms.ValidationError(
                _("Enter the number of your national identity card (CIN), e.g. AB123456.")
            )
        return cin
