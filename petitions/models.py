"""Petitions and legislative motions, national and local (DOMAIN.md section 2).

Signing writes only its own Signature row. The counts people see live in
PetitionCount / PetitionRegionCount / PetitionProvinceCount and are advanced by
the counting task (petitions.counting), never by the signing request.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import TimeStampedModel


class Level(models.TextChoices):
    """What a threshold rule applies to."""

    NATIONAL_PETITION = "national_petition", _("national petition")
    LEGISLATIVE_MOTION = "legislative_motion", _("legislative motion")
    REGION = "region", _("regional council petition")
    PROVINCE = "province", _("provincial or prefectural council petition")
    COMMUNE = "commune", _("communal council petition")


class ThresholdRule(models.Model):
    """One line of the thresholds table (OGP staff edit it in the admin).

    A rule applies to petitions of its level whose territory's 2024 population lies in
    [min_population, max_population] (both inclusive; no maximum = no upper bound).
    Commune rules with `with_arrondissements` apply only to communes divided in
    arrondissements, and take precedence over population bands.
    """

    level = models.CharField(_("level"), max_length=30, choices=Level.choices, db_index=True)
    min_population = models.PositiveIntegerField(_("minimum population"), default=0)
    max_population = models.PositiveIntegerField(
        _("maximum population"), null=True, blank=True, help_text=_("Empty: no upper bound.")
    )
    with_arrondissements = models.BooleanField(_("communes with arrondissements"), default=False)
    required_signatures = models.PositiveIntegerField(_("signatures required"))
    min_share_per_province = models.PositiveSmallIntegerField(
        _("minimum share from each province (%)"), default=0
    )
    decision_days = models.PositiveSmallIntegerField(_("days to rule on admissibility"), default=60)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        ordering = ["level", "with_arrondissements", "min_population"]
        verbose_name = _("threshold rule")
        verbose_name_plural = _("threshold rules")

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.required_signatures}"


class Theme(models.TextChoices):
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    WATER_ENVIRONMENT = "environment", _("Water and environment")
    TRANSPORT = "transport", _("Transport and roads")
    EMPLOYMENT = "employment", _("Employment and economy")
    CULTURE = "culture", _("Culture, youth and sport")
    SOCIAL = "social", _("Social protection")
    GOVERNANCE = "governance", _("Governance and public services")
    URBAN = "urban", _("Housing and urban planning")
    AGRICULTURE = "agriculture", _("Agriculture and rural development")
    OTHER = "other", _("Other")


class PetitionQuerySet(models.QuerySet):
    PUBLIC_STATUSES = (
        "collecting",
        "goal_reached",
        "filed",
        "under_review",
        "inadmissible",
        "admissible",
        "answered",
        "closed",
        "expired",
    )

    def public(self):
        return self.filter(status__in=self.PUBLIC_STATUSES)

    def open_for_signature(self):
        return self.filter(status__in=Petition.SIGNABLE_STATUSES)

    def awaiting_moderation(self):
        return self.filter(status=Petition.Status.SUBMITTED)

    def past_collection_end(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Petition.Status.COLLECTING, collection_ends_on__lt=today)

    def of_user(self, user):
        """Petitions a person drafted or sits on the committee of."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(author=user) | Q(committee__user=user, committee__accepted_at__isnull=False)
        ).distinct()


class Petition(TimeStampedModel):
    class Kind(models.TextChoices):
        NATIONAL_PETITION = "national_petition", _("National petition")
        LEGISLATIVE_MOTION = "legislative_motion", _("Legislative motion")
        LOCAL_PETITION = "local_petition", _("Local petition")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMMITTEE_FORMING = "committee_forming", _("Committee forming")
        SUBMITTED = "submitted_for_moderation", _("Awaiting moderation")
        REJECTED = "rejected", _("Rejected")
        COLLECTING = "collecting", _("Collecting signatures")
        GOAL_REACHED = "goal_reached", _("Goal reached")
        FILED = "filed", _("Filed with the addressee")
        UNDER_REVIEW = "under_review", _("Under review")
        INADMISSIBLE = "inadmissible", _("Inadmissible")
        ADMISSIBLE = "admissible", _("Admissible")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    class RejectionReason(models.TextChoices):
        DUPLICATE = "duplicate", _("Duplicate of an existing petition")
        NOT_GENERAL_INTEREST = "not_general_interest", _("Not of general interest")
        AGAINST_CONSTANTS = "against_constants", _("Challenges the nation's constants")
        COURT_CASE = "court_case", _("Case pending before a court")
        DISCRIMINATORY = "discriminatory", _("Discriminatory")
        OFFENSIVE = "offensive", _("Offensive")

    SIGNABLE_STATUSES = (Status.COLLECTING, Status.GOAL_REACHED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.COMMITTEE_FORMING)
    CLOSED_STATUSES = (
        Status.REJECTED,
        Status.INADMISSIBLE,
        Status.ANSWERED,
        Status.CLOSED,
        Status.EXPIRED,
    )

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="petitions",
        verbose_name=_("agent"),
    )
    addressee = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("addressee"),
    )
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("region"),
    )
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("province or prefecture"),
    )
    commune = models.ForeignKey(
        "directory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("commune"),
    )
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text of the petition"))
    memo = models.TextField(_("detailed memo"), blank=True)
    confirms_general_interest = models.BooleanField(_("serves the general interest"), default=False)
    confirms_constants = models.BooleanField(
        _("respects the nation's constants, democratic choices and fundamental rights"),
        default=False,
    )
    confirms_no_court_case = models.BooleanField(
        _("concerns no case pending before a court"), default=False
    )
    confirms_not_discriminatory = models.BooleanField(
        _("is neither discriminatory nor offensive"), default=False
    )

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=30, choices=RejectionReason.choices, blank=True
    )
    rejection_note = models.TextField(_("rejection explanation"), blank=True)
    required_signatures = models.PositiveIntegerField(_("signatures required"), default=0)
    per_province_minimum = models.PositiveIntegerField(_("minimum per province"), default=0)
    collection_days = models.PositiveSmallIntegerField(_("collection period (days)"), default=90)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    collection_ends_on = models.DateField(_("collection ends"), null=True, blank=True)
    goal_reached_at = models.DateTimeField(_("goal reached"), null=True, blank=True)
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("admissibility ruled"), null=True, blank=True)
    decision_note = models.TextField(_("admissibility reasons"), blank=True)
    response_text = models.TextField(_("official response"), blank=True)
    response_document = models.FileField(
        _("response document"), upload_to="petitions/responses/%Y/", blank=True
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    signing_paused = models.BooleanField(_("signing paused"), default=False)
    counting_paused = models.BooleanField(_("counting paused"), default=False)
    signer_data_erased_at = models.DateTimeField(_("signer data erased"), null=True, blank=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [models.Index(fields=["status", "collection_ends_on"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", kwargs={"reference": self.reference})

    @property
    def level(self) -> str:
        if self.kind != self.Kind.LOCAL_PETITION:
            return self.kind
        if self.commune_id:
            return Level.COMMUNE
        if self.province_id:
            return Level.PROVINCE
        return Level.REGION

    @property
    def is_signable(self) -> bool:
        return self.status in self.SIGNABLE_STATUSES and not self.signing_paused

    @property
    def is_public(self) -> bool:
        return self.status in PetitionQuerySet.PUBLIC_STATUSES

    @property
    def count(self) -> int:
        counts = getattr(self, "counts", None)
        return counts.confirmed if counts else 0


class Attachment(TimeStampedModel):
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("petition")
    )
    file = models.FileField(_("file"), upload_to="petitions/attachments/%Y/")
    title = models.CharField(_("title"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.file.name


class CommitteeMember(TimeStampedModel):
    class Role(models.TextChoices):
        AGENT = "agent", _("Agent")
        DEPUTY = "deputy", _("Deputy")
        MEMBER = "member", _("Member")

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="committee", verbose_name=_("petition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petition_committees",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    show_name = models.BooleanField(_("name shown publicly"), default=False)

    class Meta:
        ordering = ["petition", "role", "created_at"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["petition", "email"], name="petitions_member_once"),
            models.UniqueConstraint(
                fields=["petition", "role"],
                condition=Q(role__in=["agent", "deputy"]),
                name="petitions_one_agent_one_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.petition.reference})"

    @property
    def public_name(self) -> str:
        if self.show_name and self.accepted_at and self.user:
            return self.user.full_name
        return ""


class SignatureQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def valid(self):
        return self.confirmed().filter(invalidated=False)


class Signature(models.Model):
    """One person's signature. The CIN is kept only as an HMAC (settings.CIN_HASH_KEY)."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("petition")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petition_signatures",
        verbose_name=_("user"),
    )
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    cin_hash = models.CharField(_("CIN (keyed hash)"), max_length=64)
    region = models.ForeignKey(
        "directory.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province or prefecture"),
    )
    commune = models.ForeignKey(
        "directory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    show_first_name = models.BooleanField(_("first name and region shown"), default=False)
    public_first_name = models.CharField(_("public first name"), max_length=60, blank=True)
    notify_progress = models.BooleanField(_("emailed about progress"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    invalidated = models.BooleanField(_("invalidated"), default=False)
    invalidation_reason = models.CharField(_("invalidation reason"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed"), default=timezone.now)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["petition", "cin_hash"], name="petitions_one_per_cin")
        ]
        indexes = [models.Index(fields=["petition", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.petition.reference} #{self.pk}"


class PetitionCount(models.Model):
    """Counted valid signatures of a petition, up to `counted_until` (the counting window's end)."""

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, related_name="counts", primary_key=True
    )
    confirmed = models.PositiveIntegerField(_("signatures"), default=0)
    counted_until = models.DateTimeField(_("counted until"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("signature count")
        verbose_name_plural = _("signature counts")

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.confirmed}"


class PetitionRegionCount(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="region_counts")
    region = models.ForeignKey("directory.Region", on_delete=models.PROTECT, related_name="+")
    confirmed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["petition", "region"], name="petitions_region_count")
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}/{self.region_id}: {self.confirmed}"


class PetitionProvinceCount(models.Model):
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="province_counts")
    province = models.ForeignKey("directory.Province", on_delete=models.PROTECT, related_name="+")
    confirmed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "province"], name="petitions_province_count"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}/{self.province_id}: {self.confirmed}"
