"""Petitions and legislative motions, national and local (DOMAIN.md section 2).

Signing writes only its own Signature row. The counts people see live in
PetitionCount / PetitionRegionCount / PetitionProvinceCount and are advanced by
the counting task (petitions.counting), never by the signing request.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import TimeStampedModel

from .validators import response_document_path, validate_response_document


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
    # Both deadlines are calendar days from the filing (the addressee's receipt).
    decision_days = models.PositiveSmallIntegerField(_("days to rule on admissibility"), default=60)
    response_days = models.PositiveSmallIntegerField(
        _("days to answer on the substance"),
        null=True,
        blank=True,
        help_text=_("Counted from the filing. Empty: no legal deadline for the response."),
    )
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
        """Published petitions; a withdrawn one stays public only if it had been published."""
        return self.filter(
            Q(status__in=self.PUBLIC_STATUSES)
            | Q(status=Petition.Status.WITHDRAWN, published_at__isnull=False)
        )

    def in_region(self, region):
        """Local petitions to a council of the region (regional, provincial or communal)."""
        return self.filter(kind=Petition.Kind.LOCAL_PETITION, region=region)

    def review_due(self, today=None, within_days: int = 7):
        """Filed petitions whose admissibility ruling, or admissible ones whose response
        (when the rule sets a response deadline), is due within `within_days` or overdue."""
        import datetime

        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=within_days)
        return self.filter(
            Q(
                status__in=(Petition.Status.FILED, Petition.Status.UNDER_REVIEW),
                decision_due_on__lte=horizon,
            )
            | Q(status=Petition.Status.ADMISSIBLE, response_due_on__lte=horizon)
        )

    def open_for_signature(self):
        """Petitions in a signing status (the counting task's set: it also counts, after
        the collection's last day, the signatures confirmed just before the end)."""
        return self.filter(status__in=Petition.SIGNABLE_STATUSES)

    def signable(self, today=None):
        """Petitions people can sign today: a signing status and the collection period not
        over (a petition that reached its goal stops taking signatures at its end date too)."""
        today = today or timezone.localdate()
        return self.open_for_signature().filter(
            Q(collection_ends_on__isnull=True) | Q(collection_ends_on__gte=today)
        )

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
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REMOVED = "removed", _("Removed")

    class RejectionReason(models.TextChoices):
        DUPLICATE = "duplicate", _("Duplicate of an existing petition")
        NOT_GENERAL_INTEREST = "not_general_interest", _("Not of general interest")
        AGAINST_CONSTANTS = "against_constants", _("Challenges the nation's constants")
        COURT_CASE = "court_case", _("Case pending before a court")
        DISCRIMINATORY = "discriminatory", _("Discriminatory")
        OFFENSIVE = "offensive", _("Offensive")

    class RemovalReason(models.TextChoices):
        """Why moderators removed a published petition (shown on its 410 page)."""

        DUPLICATE = "duplicate", _("Duplicate of an existing petition")
        AGAINST_CONSTANTS = "against_constants", _("Challenges the nation's constants")
        COURT_CASE = "court_case", _("Case pending before a court")
        DISCRIMINATORY = "discriminatory", _("Discriminatory")
        OFFENSIVE = "offensive", _("Offensive")
        MANIPULATION = "manipulation", _("Manipulated signature collection")
        LEGAL_ORDER = "legal_order", _("Removed on a legal order")

    SIGNABLE_STATUSES = (Status.COLLECTING, Status.GOAL_REACHED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.COMMITTEE_FORMING)
    # The agent may withdraw a petition until it is filed with the addressee.
    WITHDRAWABLE_STATUSES = (
        Status.DRAFT,
        Status.COMMITTEE_FORMING,
        Status.SUBMITTED,
        Status.COLLECTING,
        Status.GOAL_REACHED,
    )
    CLOSED_STATUSES = (
        Status.REJECTED,
        Status.INADMISSIBLE,
        Status.ANSWERED,
        Status.CLOSED,
        Status.EXPIRED,
        Status.WITHDRAWN,
        Status.REMOVED,
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
    response_due_on = models.DateField(_("response due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("admissibility ruled"), null=True, blank=True)
    decision_note = models.TextField(_("admissibility reasons"), blank=True)
    response_text = models.TextField(_("official response"), blank=True)
    response_document = models.FileField(
        _("response document"),
        upload_to=response_document_path,
        blank=True,
        validators=[validate_response_document],
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    signing_paused = models.BooleanField(_("signing paused"), default=False)
    counting_paused = models.BooleanField(_("counting paused"), default=False)
    signer_data_erased_at = models.DateTimeField(_("signer data erased"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removal_reason = models.CharField(
        _("removal reason"), max_length=30, choices=RemovalReason.choices, blank=True
    )
    removal_note = models.TextField(_("removal explanation"), blank=True)
    review_reminded_on = models.DateField(_("reviewers last reminded"), null=True, blank=True)

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

    def clean(self):
        super().clean()
        province = self.province if self.province_id else None
        if province is not None and province.is_arrondissement_prefecture:
            raise ValidationError(
                {
                    "province": _(
                        "A préfecture d'arrondissements has no council: choose its prefecture."
                    )
                }
            )

    @property
    def collection_over(self) -> bool:
        """The collection period's last day is past (signing closes, whatever the status)."""
        return collection_over(self.collection_ends_on)

    @property
    def is_signable(self) -> bool:
        return (
            self.status in self.SIGNABLE_STATUSES
            and not self.signing_paused
            and not self.collection_over
        )

    @property
    def takes_abroad_signatures(self) -> bool:
        """Citizens abroad may sign national petitions and motions, not local petitions."""
        return self.kind != self.Kind.LOCAL_PETITION

    @property
    def is_public(self) -> bool:
        if self.status == self.Status.WITHDRAWN:
            return self.published_at is not None
        return self.status in PetitionQuerySet.PUBLIC_STATUSES

    @property
    def response_is_public(self) -> bool:
        """The official response (its text and document) is shown once the petition is answered."""
        return self.status == self.Status.ANSWERED

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED

    @property
    def association_author(self):
        """The association that authors this local petition, or None."""
        try:
            return self.association
        except PetitionAssociation.DoesNotExist:
            return None

    @property
    def count(self) -> int:
        counts = getattr(self, "counts", None)
        return counts.confirmed if counts else 0

    @property
    def paper_count(self) -> int:
        counts = getattr(self, "counts", None)
        return counts.paper if counts else 0

    @property
    def abroad_count(self) -> int:
        """Counted signatures of citizens living abroad (in the total, in no region)."""
        counts = getattr(self, "counts", None)
        return counts.abroad if counts else 0


def collection_over(ends_on, today=None) -> bool:
    """Signing is open through `ends_on` (local date) and closed from the next day."""
    return ends_on is not None and (today or timezone.localdate()) > ends_on


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
    # Residence: a region and a province with a council, or abroad (national petitions and
    # motions only) with neither. Abroad signatures count in the total, in no region.
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province or prefecture"),
    )
    abroad = models.BooleanField(_("lives abroad"), default=False, db_default=False)
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
    # No plain index (signing inserts stay cheap): a partial one covers only invalidated rows.
    invalidation_batch = models.ForeignKey(
        "InvalidationBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        related_name="signatures",
        verbose_name=_("invalidation batch"),
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed"), default=timezone.now)
    # The confirmation email: its language, and when the batch task sent it
    # (services.send_signature_confirmations; unconfirmed and unsent rows are its queue).
    language = models.CharField(_("language"), max_length=8, blank=True, db_default="")
    confirmation_sent_at = models.DateTimeField(_("confirmation email sent"), null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["petition", "cin_hash"], name="petitions_one_per_cin"),
            models.CheckConstraint(
                condition=Q(abroad=False, region__isnull=False, province__isnull=False)
                | Q(abroad=True, region__isnull=True, province__isnull=True),
                name="petitions_sig_residence_or_abroad",
            ),
        ]
        indexes = [
            models.Index(fields=["petition", "confirmed_at"]),
            models.Index(
                fields=["invalidation_batch"],
                condition=Q(invalidation_batch__isnull=False),
                name="petitions_sig_inval_batch",
            ),
            # The confirmation emails' queue: small, whatever the table's size.
            models.Index(
                fields=["id"],
                condition=Q(confirmed_at__isnull=True, confirmation_sent_at__isnull=True),
                name="petitions_sig_to_confirm",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition.reference} #{self.pk}"

    @property
    def email_domain(self) -> str:
        return self.email.rpartition("@")[2]


class PetitionCount(models.Model):
    """Counted valid signatures of a petition, up to `counted_until` (the counting window's end)."""

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, related_name="counts", primary_key=True
    )
    # Electronic signatures counted up to the watermark plus verified paper signatures.
    confirmed = models.PositiveIntegerField(_("signatures"), default=0)
    paper = models.PositiveIntegerField(_("of which verified paper signatures"), default=0)
    abroad = models.PositiveIntegerField(_("of which signatories living abroad"), default=0)
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


class PetitionAssociation(TimeStampedModel):
    """An association authoring a local petition (organic laws 111-14, 112-14, 113-14).

    It must have been constituted more than three years before, with its seat (or a branch)
    in the territory of the council it petitions; `eligibility.association_problems` checks.
    """

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, related_name="association", verbose_name=_("petition")
    )
    name = models.CharField(_("association name"), max_length=200)
    registration_number = models.CharField(_("registration number"), max_length=60)
    founded_on = models.DateField(_("date of constitution"))
    seat_province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province or prefecture of the seat"),
    )
    seat_commune = models.ForeignKey(
        "directory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune of the seat"),
    )

    class Meta:
        verbose_name = _("authoring association")
        verbose_name_plural = _("authoring associations")

    def __str__(self) -> str:
        return self.name


class PaperBatchQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=PaperBatch.Status.VERIFIED)

    def pending(self):
        return self.filter(status=PaperBatch.Status.PENDING)


class PaperBatch(TimeStampedModel):
    """Paper signatures the agent collected, counted per province, with the scanned sheets.

    A reviewer of the addressee (or OGP staff) verifies or rejects the batch; once verified
    its counts join the petition's counts (gauge, regions, provinces, threshold engine).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="paper_batches", verbose_name=_("petition")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    total = models.PositiveIntegerField(_("signatures"), default=0)
    note = models.TextField(_("note from the agent"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)

    objects = PaperBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("paper signature batch")
        verbose_name_plural = _("paper signature batches")

    def __str__(self) -> str:
        return f"{self.petition.reference} · {self.total}"


class PaperBatchLine(models.Model):
    batch = models.ForeignKey(
        PaperBatch, on_delete=models.CASCADE, related_name="lines", verbose_name=_("batch")
    )
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province or prefecture"),
    )
    count = models.PositiveIntegerField(_("signatures"))

    class Meta:
        verbose_name = _("paper signatures of a province")
        verbose_name_plural = _("paper signatures by province")
        constraints = [
            models.UniqueConstraint(fields=["batch", "province"], name="petitions_paper_line_once")
        ]

    def __str__(self) -> str:
        return f"{self.province_id}: {self.count}"


class PaperScan(models.Model):
    batch = models.ForeignKey(
        PaperBatch, on_delete=models.CASCADE, related_name="scans", verbose_name=_("batch")
    )
    file = models.FileField(_("scanned sheets"), upload_to="petitions/paper/%Y/")
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")

    def __str__(self) -> str:
        return self.file.name


class InvalidationBatch(models.Model):
    """Signatures a moderator invalidated together: who, when, why, how many; reversible."""

    petition = models.ForeignKey(
        Petition,
        on_delete=models.CASCADE,
        related_name="invalidation_batches",
        verbose_name=_("petition"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invalidated by"),
    )
    reason = models.CharField(_("reason"), max_length=200)
    criteria = models.JSONField(_("search criteria"), default=dict, blank=True)
    count = models.PositiveIntegerField(_("signatures"), default=0)
    created_at = models.DateTimeField(_("invalidated"), default=timezone.now)
    restored_at = models.DateTimeField(_("restored"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restored by"),
    )
    restore_reason = models.CharField(_("reason for restoring"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invalidation batch")
        verbose_name_plural = _("invalidation batches")

    def __str__(self) -> str:
        return f"{self.petition.reference} · {self.count} · {self.reason}"


class SignatureCluster(models.Model):
    """One unusual cluster found by the daily report (petitions.report_clusters)."""

    class Kind(models.TextChoices):
        IP = "ip", _("One IP address")
        IP_PREFIX = "ip_prefix", _("One /24 network")
        EMAIL_DOMAIN = "email_domain", _("One email domain")

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="clusters", verbose_name=_("petition")
    )
    day = models.DateField(_("day"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=255)
    signatures = models.PositiveIntegerField(_("signatures"))
    window_start = models.DateTimeField(_("busiest hour"), null=True, blank=True)
    share = models.FloatField(_("share of the day's signatures"), null=True, blank=True)
    baseline_share = models.FloatField(_("usual share"), null=True, blank=True)
    reviewed = models.BooleanField(_("reviewed"), default=False)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "-signatures"]
        verbose_name = _("unusual signature cluster")
        verbose_name_plural = _("unusual signature clusters")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "day", "kind", "value"], name="petitions_cluster_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition.reference} {self.get_kind_display()} {self.value}"


class PetitionsSwitch(models.Model):
    """The site-wide switches of signing and counting (one row, edited by staff in the admin)."""

    signing_paused = models.BooleanField(_("signing paused on the whole site"), default=False)
    counting_paused = models.BooleanField(_("counting paused on the whole site"), default=False)
    message = models.CharField(
        _("message shown on the signing forms"),
        max_length=300,
        blank=True,
        help_text=_("Optional; a standard message is shown otherwise."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("site-wide signing and counting switch")
        verbose_name_plural = _("site-wide signing and counting switch")

    def __str__(self) -> str:
        return str(_("Signing and counting switch"))

    @classmethod
    def load(cls) -> "PetitionsSwitch":
        switch, _created = cls.objects.get_or_create(pk=1)
        return switch
