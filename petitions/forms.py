from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ogp_portal.directory.models import Administration, Commune, Province, Region

from . import identity
from .models import CommitteeMember, Petition

NATIONAL_ADDRESSEES = ("chef-du-gouvernement", "chambre-representants", "chambre-conseillers")
CHAMBERS = ("chambre-representants", "chambre-conseillers")
LOCAL_KINDS = (
    Administration.Kind.REGIONAL_COUNCIL,
    Administration.Kind.PROVINCIAL_COUNCIL,
    Administration.Kind.COMMUNAL_COUNCIL,
)
# What an attachment may be, recognised by its first bytes (not its name or declared type).
MAGIC = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def max_upload_bytes() -> int:
    return getattr(settings, "PETITIONS_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)


def sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in MAGIC.items():
        if head.startswith(magic):
            return content_type
    return None


def check_upload(upload):
    if upload.size > max_upload_bytes():
        raise forms.ValidationError(
            _("The file is too large: %(max)d MB at most."),
            params={"max": max_upload_bytes() // (1024 * 1024)},
        )
    content_type = sniff(upload)
    if content_type is None:
        raise forms.ValidationError(_("Only PDF, PNG and JPEG files are accepted."))
    upload.sniffed_content_type = content_type
    return upload


def petition_addressees():
    return Administration.objects.active().filter(slug__in=NATIONAL_ADDRESSEES) | (
        Administration.objects.active().filter(kind__in=LOCAL_KINDS)
    )


class PetitionForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("Attachment (PDF, PNG or JPEG)"), required=False, help_text=_("5 MB at most.")
    )

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
        self.fields["province"].queryset = Province.objects.ordered_by_name()
        self.fields["commune"] = forms.ModelChoiceField(
            queryset=Commune.objects.all(),
            required=False,
            label=_("Commune (code)"),
            to_field_name="code",
            widget=forms.TextInput(),
            help_text=_("For a communal council: the commune's census code."),
        )
        self.fields["memo"].required = True

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
        return data

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


class SignForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    cin = forms.CharField(
        label=_("National identity card number (CIN)"),
        max_length=20,
        help_text=_(
            "Stored only in an irreversible coded form, to count one signature per person."
        ),
    )
    region = forms.ModelChoiceField(label=_("Region of residence"), queryset=Region.objects.none())
    province = forms.ModelChoiceField(
        label=_("Province or prefecture of residence"), queryset=Province.objects.none()
    )
    eligible = forms.BooleanField(
        label=_(
            "I declare that I am registered on the electoral lists and, for a local petition, that I live or work in its territory."
        )
    )
    show_first_name = forms.BooleanField(
        label=_("Show my first name and region among the signatories"), required=False
    )
    notify_progress = forms.BooleanField(
        label=_("Email me when the petition reaches its goal and when it is answered"),
        required=False,
    )

    def __init__(self, *args, user=None, petition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        regions = Region.objects.ordered_by_name()
        provinces = Province.objects.select_related("region").ordered_by_name()
        if petition is not None and petition.kind == Petition.Kind.LOCAL_PETITION:
            if petition.region_id:
                regions = regions.filter(pk=petition.region_id)
                provinces = provinces.filter(region_id=petition.region_id)
            if petition.province_id:
                provinces = provinces.filter(pk=petition.province_id)
        self.fields["region"].queryset = regions
        self.fields["province"].queryset = provinces
        if user is not None and user.is_authenticated:
            del self.fields["full_name"]
            del self.fields["email"]

    def clean_cin(self):
        cin = identity.normalise_cin(self.cleaned_data["cin"])
        if not identity.is_valid_cin(cin):
            raise forms.ValidationError(
                _("Enter the number of your national identity card (CIN), e.g. AB123456.")
            )
        return cin

    def clean(self):
        data = super().clean()
        region, province = data.get("region"), data.get("province")
        if region and province and province.region_id != region.pk:
            self.add_error("province", _("This province is not in the chosen region."))
        return data


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Petition.RejectionReason.choices)
    note = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 4}))
