"""Public funding for associations (Charaka, circular 7/2003).

A funder is an Administration (directory). It runs programmes; a programme opens
calls for proposals; associations receive awards (partnership conventions), from a
call or directly, paid in disbursements. Associations are organisations: their data
is public; nothing about their officers is stored.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.emails import normalise_email
from ogp_portal.core.models import TimeStampedModel
from ogp_portal.directory.models import Administration, Province, Region

from .validators import storage_name, validate_document

CLOSING_SOON_DAYS = 7
MONEY = {"max_digits": 14, "decimal_places": 2}

# Amount bands of the awards explorer: (key, label, lower bound inclusive, upper bound exclusive).
AMOUNT_BANDS = [
    ("lt50k", _("Under 50,000 MAD"), None, Decimal("50000")),
    ("50k-200k", _("50,000 to 200,000 MAD"), Decimal("50000"), Decimal("200000")),
    ("200k-1m", _("200,000 to 1 million MAD"), Decimal("200000"), Decimal("1000000")),
    ("gte1m", _("1 million MAD and more"), Decimal("1000000"), None),
]


def band_q(key: str) -> Q:
    for band, _label, low, high in AMOUNT_BANDS:
        if band == key:
            q = Q()
            if low is not None:
                q &= Q(amount__gte=low)
            if high is not None:
                q &= Q(amount__lt=high)
            return q
    return Q(pk__in=[])


class Sector(models.Model):
    """The sector vocabulary (data, editable by staff): name translated (name_ar/_fr/_en)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class Programme(TimeStampedModel):
    funder = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="funding_programmes",
        verbose_name=_("funder"),
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=255)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("sector")
    )
    budget = models.DecimalField(_("budget (MAD)"), **MONEY, validators=[MinValueValidator(0)])
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.title


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open_on(self, day):
        """Accepting applications on that day (closing soon included)."""
        return self.filter(opens_on__lte=day, deadline__gte=day, awarded_on__isnull=True)

    def open(self):
        return self.open_on(timezone.localdate())

    def closing_soon(self):
        today = timezone.localdate()
        return self.open().filter(deadline__lte=today + timedelta(days=CLOSING_SOON_DAYS))

    def upcoming(self):
        return self.filter(opens_on__gt=timezone.localdate(), awarded_on__isnull=True)

    def closed(self):
        return self.filter(deadline__lt=timezone.localdate(), awarded_on__isnull=True)

    def awarded(self):
        return self.filter(awarded_on__isnull=False)

    def with_status(self, status: str):
        return {
            Call.Status.OPEN: self.open,
            Call.Status.CLOSING_SOON: self.closing_soon,
            Call.Status.UPCOMING: self.upcoming,
            Call.Status.CLOSED: self.closed,
            Call.Status.AWARDED: self.awarded,
        }.get(status, self.none)()

    def visible_to(self, user):
        from ogp_portal.core.admin_scoping import scope_queryset

        return scope_queryset(self, user, "programme__funder")


class Call(TimeStampedModel):
    """A call for proposals. Its status follows from its dates (and its award date)."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("opens soon")
        OPEN = "open", _("open")
        CLOSING_SOON = "closing_soon", _("closing soon")
        CLOSED = "closed", _("closed")
        AWARDED = "awarded", _("awarded")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    reference = models.SlugField(_("reference"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=255)  # translated
    description = models.TextField(_("description"))  # translated
    eligibility = models.TextField(_("eligibility"), blank=True)  # translated
    sectors = models.ManyToManyField(Sector, related_name="calls", verbose_name=_("sectors"))
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="funding_calls",
        verbose_name=_("regions"),
        help_text=_("Leave empty for a national call."),
    )
    budget = models.DecimalField(_("budget (MAD)"), **MONEY, validators=[MinValueValidator(0)])
    grant_min = models.DecimalField(
        _("smallest grant (MAD)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    grant_max = models.DecimalField(
        _("largest grant (MAD)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    opens_on = models.DateField(_("opening date"))
    deadline = models.DateField(_("deadline"), db_index=True)
    applications_received = models.PositiveIntegerField(_("applications received"), default=0)
    awarded_on = models.DateField(_("results published on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("csofunding:call", kwargs={"reference": self.reference})

    def clean(self):
        errors = {}
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("The deadline cannot come before the opening date.")
        if self.grant_min is not None and self.grant_max is not None:
            if self.grant_max < self.grant_min:
                errors["grant_max"] = _("The largest grant cannot be smaller than the smallest.")
        if self.grant_max is not None and self.budget is not None and self.grant_max > self.budget:
            errors["grant_max"] = _("The largest grant cannot exceed the call's budget.")
        if errors:
            raise ValidationError(errors)

    @property
    def funder(self):
        return self.programme.funder

    def status_on(self, day) -> str:
        if self.awarded_on:
            return self.Status.AWARDED
        if day < self.opens_on:
            return self.Status.UPCOMING
        if day > self.deadline:
            return self.Status.CLOSED
        if (self.deadline - day).days <= CLOSING_SOON_DAYS:
            return self.Status.CLOSING_SOON
        return self.Status.OPEN

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def days_left(self) -> int:
        return (self.deadline - timezone.localdate()).days

    @property
    def is_accepting(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.CLOSING_SOON)


def _document_upload_to(instance, filename):
    # A random name (ogp_portal.core.uploads); downloads are named after the title.
    return storage_name(filename, folder=f"calls/{instance.call_id}")


class CallDocument(models.Model):
    class Kind(models.TextChoices):
        TERMS = "terms", _("terms of reference")
        FORM = "form", _("application form")
        BUDGET = "budget", _("budget template")
        RESULTS = "results", _("results")
        OTHER = "other", _("other")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="documents", verbose_name=_("call")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.TERMS)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=_document_upload_to, max_length=255, validators=[validate_document]
    )
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            try:
                self.size = self.file.size
            except (OSError, ValueError):
                pass
        super().save(*args, **kwargs)


class Association(TimeStampedModel):
    """A registered association. Its names are its own (not translated); no officer data."""

    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", _("association")
        FEDERATION = "federation", _("federation or union of associations")
        NETWORK = "network", _("network")
        FOUNDATION = "foundation", _("foundation")
        PUBLIC_UTILITY = "public_utility", _("association recognised of public utility")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        unique=True,
        help_text=_("The number on the receipt of the declaration of the association."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.ASSOCIATION
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    seat_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="associations", verbose_name=_("seat region")
    )
    seat_province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="associations",
        verbose_name=_("seat province or prefecture"),
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="associations", verbose_name=_("sectors")
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ar if (get_language() or "ar").startswith("ar") else self.name_fr

    def get_absolute_url(self) -> str:
        return reverse("csofunding:association", kwargs={"slug": self.slug})

    def clean(self):
        if self.seat_province_id and self.seat_region_id:
            if self.seat_province.region_id != self.seat_region_id:
                raise ValidationError(
                    {"seat_province": _("This province is not in the seat region.")}
                )

    @property
    def org_id(self) -> str:
        """360Giving organisation identifier (see docs/csofunding.md)."""
        return association_org_id(self.registration_number)


def association_org_id(registration_number: str) -> str:
    return f"360G-ogpma-assoc-{registration_number}"


def funder_org_id(administration) -> str:
    return f"360G-ogpma-funder-{administration.slug}"


class AwardQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        from ogp_portal.core.admin_scoping import scope_queryset

        return scope_queryset(self, user, "funder")


def _convention_upload_to(instance, filename):
    return storage_name(filename, folder="conventions")


class Award(TimeStampedModel):
    """An award or partnership convention: cash (amount) and in-kind support to an association."""

    reference = models.SlugField(
        _("reference"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier; the 360Giving grant id is 360G-ogpma- followed by it."),
    )
    funder = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="funding_awards",
        verbose_name=_("funder"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("programme"),
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("call for proposals"),
        help_text=_("Empty for a direct award (no call)."),
    )
    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="awards", verbose_name=_("association")
    )
    title = models.CharField(_("project"), max_length=255)
    amount = models.DecimalField(
        _("amount (MAD)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    in_kind_value = models.DecimalField(
        _("in-kind value (MAD)"), **MONEY, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    awarded_on = models.DateField(_("award date"), db_index=True)
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), default=12)
    beneficiary_regions = models.ManyToManyField(
        Region, related_name="funding_awards", verbose_name=_("beneficiary regions")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="awards", verbose_name=_("sector")
    )
    convention = models.FileField(
        _("convention document"),
        upload_to=_convention_upload_to,
        max_length=255,
        blank=True,
        validators=[validate_document],
    )
    is_published = models.BooleanField(_("published"), default=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "-pk"]
        verbose_name = _("award or convention")
        verbose_name_plural = _("awards and conventions")
        indexes = [models.Index(fields=["is_published", "awarded_on"])]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("csofunding:award", kwargs={"reference": self.reference})

    @property
    def grant_id(self) -> str:
        return f"360G-ogpma-{self.reference}"

    @property
    def from_open_call(self) -> bool:
        return self.call_id is not None

    @property
    def ends_on(self):
        month = self.awarded_on.month - 1 + self.duration_months
        year = self.awarded_on.year + month // 12
        return self.awarded_on.replace(year=year, month=month % 12 + 1, day=1) - timedelta(days=1)

    def clean(self):
        errors = {}
        if self.call_id and self.programme_id and self.call.programme_id != self.programme_id:
            errors["call"] = _("This call belongs to another programme.")
        if self.call_id and self.funder_id and self.call.programme.funder_id != self.funder_id:
            errors["call"] = _("This call belongs to another funder.")
        if self.programme_id and self.funder_id and self.programme.funder_id != self.funder_id:
            errors["programme"] = _("This programme belongs to another funder.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.call_id and not self.programme_id:
            self.programme_id = self.call.programme_id
        super().save(*args, **kwargs)


class Disbursement(models.Model):
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="disbursements", verbose_name=_("award")
    )
    paid_on = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (MAD)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")

    def __str__(self) -> str:
        return f"{self.paid_on} · {self.amount}"


class AlertSubscription(TimeStampedModel):
    """Someone who wants an email when a call matching their sectors and regions is published.

    Empty sectors (or regions) mean "any". One subscription per mailbox (`email_key`, the
    normalised address). Anonymous subscribers confirm their address by a link first, and a
    change asked for an address already confirmed waits in `pending` until its owner follows
    the link again; signed-in users' addresses are already verified.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_alerts",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("email"))
    email_key = models.CharField(
        _("normalised address"),
        max_length=254,
        unique=True,
        editable=False,
        help_text=_(
            "One subscription per mailbox: lowercase, without the dots and tags the "
            "provider ignores."
        ),
    )
    language = models.CharField(_("language"), max_length=10, default="ar")
    sectors = models.ManyToManyField(Sector, blank=True, verbose_name=_("sectors"))
    regions = models.ManyToManyField(Region, blank=True, verbose_name=_("regions"))
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    pending = models.JSONField(
        _("change waiting for confirmation"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Sectors and regions asked for an already confirmed address, applied when "
            "its owner follows the confirmation link."
        ),
    )
    confirmation_sent_at = models.DateTimeField(
        _("last confirmation email"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("call alert subscription")
        verbose_name_plural = _("call alert subscriptions")

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs):
        self.email_key = normalise_email(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_key"}
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class AlertDelivery(models.Model):
    """One alert sent: a subscriber hears of a call once."""

    subscription = models.ForeignKey(
        AlertSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="alert_deliveries")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "call"], name="csofunding_alert_once")
        ]
        verbose_name = _("alert sent")
        verbose_name_plural = _("alerts sent")

    def __str__(self) -> str:
        return f"{self.subscription_id} · {self.call_id}"
