"""Co-evaluation of the action plan (issue 9): citizens and civil society assess commitments.

Assessment windows per plan (set by OGP staff), one assessment per person per commitment per
window, organisations a person may speak for once OGP staff verified it, the lead
administration's public reply, and the "contested" flag (see transparency/coeval/aggregates.py
and docs/transparency-coevaluation.md). State changes: transparency/coeval/services.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import Moderatable, TimeStampedModel

from .plan import ActionPlan, Commitment, IrmRating

__all__ = [
    "AssessmentWindow",
    "Organisation",
    "OrganisationMembership",
    "Assessment",
    "AssessmentEvidence",
    "AssessmentReply",
    "ContestedFlag",
]


class AssessmentWindowQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def started(self, now=None):
        """Open or closed: windows whose results can be shown."""
        now = now or timezone.now()
        return self.filter(opens_at__lte=now)


class AssessmentWindow(TimeStampedModel):
    """A period during which the public assesses a plan's commitments (e.g. mid-term)."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="assessment_windows",
        verbose_name=_("plan"),
    )
    label_ar = models.CharField(_("label (Arabic)"), max_length=120)
    label_fr = models.CharField(_("label (French)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))

    objects = AssessmentWindowQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-opens_at"]
        verbose_name = _("assessment window")
        verbose_name_plural = _("assessment windows")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="assessment_window_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.label}"

    @property
    def label(self) -> str:
        """The label in the active language (fallback French, Arabic, English)."""
        language = (translation.get_language() or "ar")[:2]
        preferred = getattr(self, f"label_{language}", "") if language in "ar fr en" else ""
        return preferred or self.label_fr or self.label_ar or self.label_en

    def clean(self):
        """A plan's windows never overlap: with two open at once, the form would write in one
        and those who assessed in the other could no longer edit (the admin shows the error)."""
        super().clean()
        if self.plan_id is None or self.opens_at is None or self.closes_at is None:
            return
        if self.closes_at <= self.opens_at:
            return  # the check constraint assessment_window_order says so
        overlapping = (
            AssessmentWindow.objects.filter(
                plan_id=self.plan_id, opens_at__lt=self.closes_at, closes_at__gt=self.opens_at
            )
            .exclude(pk=self.pk)
            .order_by("opens_at")
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                _(
                    "This window overlaps “%(other)s” (%(opens)s to %(closes)s) of the same "
                    "plan: a plan has one assessment window at a time."
                )
                % {
                    "other": overlapping.label,
                    "opens": date_format(
                        timezone.localtime(overlapping.opens_at), "SHORT_DATETIME_FORMAT"
                    ),
                    "closes": date_format(
                        timezone.localtime(overlapping.closes_at), "SHORT_DATETIME_FORMAT"
                    ),
                }
            )

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_started(self, now=None) -> bool:
        return self.opens_at <= (now or timezone.now())


class Organisation(TimeStampedModel):
    """An association or network that people may speak for, once OGP staff verified them."""

    name = models.CharField(_("name"), max_length=200)
    registration_number = models.CharField(
        _("registration number"),
        max_length=60,
        unique=True,
        help_text=_("The number of the association's registration receipt."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.memberships.filter(status=OrganisationMembership.Status.VERIFIED).exists()


class OrganisationMembershipQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=OrganisationMembership.Status.VERIFIED)

    def pending(self):
        return self.filter(status=OrganisationMembership.Status.PENDING)


class OrganisationMembership(TimeStampedModel):
    """A person's request to speak for an organisation, and OGP staff's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting verification")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("rejected")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role in the organisation"), max_length=120)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decision_note = models.TextField(_("reason of the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = OrganisationMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("organisation membership")
        verbose_name_plural = _("organisation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisation_membership_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.role}"


class AssessmentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def by_organisations(self):
        return self.filter(organisation__isnull=False)

    def by_individuals(self):
        return self.filter(organisation__isnull=True)


class Assessment(Moderatable, TimeStampedModel):
    """One person's assessment of one commitment in one window (editable while it is open)."""

    class NameDisplay(models.TextChoices):
        FULL = "full", _("My full name")
        INITIALS = "initials", _("My initials only")

    window = models.ForeignKey(
        AssessmentWindow,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("assessment window"),
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("commitment"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    completion = models.ForeignKey(
        IrmRating,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scale": IrmRating.Scale.COMPLETION},
        verbose_name=_("completion"),
    )
    early_results = models.ForeignKey(
        IrmRating,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scale": IrmRating.Scale.EARLY_RESULTS},
        verbose_name=_("did it open government?"),
    )
    justification = models.TextField(_("justification"), max_length=3000)
    name_display = models.CharField(
        _("name shown"), max_length=10, choices=NameDisplay.choices, default=NameDisplay.INITIALS
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("on behalf of"),
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["window", "commitment", "author"],
                name="assessment_once_per_person_per_window",
            ),
            # One voice per organisation: two of its members cannot both assess in its name.
            models.UniqueConstraint(
                fields=["window", "commitment", "organisation"],
                condition=Q(organisation__isnull=False),
                name="assessment_once_per_organisation_per_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.justification[:40]}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        url = reverse(
            "transparency:coeval_commitment",
            kwargs={"slug": self.commitment.plan.slug, "number": self.commitment.number},
        )
        return f"{url}?window={self.window_id}#assessment-{self.pk}"

    @property
    def public_name(self) -> str:
        """As the person chose: full name or initials; never an email. "" without an author."""
        name = (getattr(self.author, "full_name", "") or "").strip()
        if not name:
            return ""
        if self.name_display == self.NameDisplay.FULL:
            return name
        return "".join(part[0] for part in name.split() if part[:1].isalpha())[:3].upper()


def _evidence_path(instance, filename) -> str:
    # A random name: the uploaded file's own name may carry personal data.
    from transparency.coeval.uploads import storage_name

    return storage_name(filename, getattr(instance, "content_type", ""))


class AssessmentEvidence(models.Model):
    """A link or a file backing an assessment; files are served only while it is visible."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("assessment")
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=_evidence_path, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("assessment evidence")
        verbose_name_plural = _("assessment evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""), name="assessment_evidence_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.url or self.file.name

    @property
    def is_file(self) -> bool:
        return bool(self.file)


class AssessmentReply(TimeStampedModel):
    """The lead administration's public answer to the assessments of a commitment in a window."""

    window = models.ForeignKey(
        AssessmentWindow,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("assessment window"),
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="assessment_replies",
        verbose_name=_("commitment"),
    )
    administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("administration"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("reply"), max_length=5000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reply to the assessments")
        verbose_name_plural = _("replies to the assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["window", "commitment"], name="assessment_reply_once_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.administration}"


class ContestedFlag(TimeStampedModel):
    """When a commitment first became contested in a window, and the invitation sent then."""

    window = models.ForeignKey(
        AssessmentWindow,
        on_delete=models.CASCADE,
        related_name="contested_flags",
        verbose_name=_("assessment window"),
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="contested_flags",
        verbose_name=_("commitment"),
    )
    official_step = models.PositiveSmallIntegerField(_("official step"))
    public_median = models.FloatField(_("public median"))
    official_progress = models.FloatField(_("official progress (%)"), default=0)
    count = models.PositiveIntegerField(_("assessments"), default=0)
    # The public "contested" event of the commitment's history: its text is written from this
    # flag in the reader's language (transparency/coeval/events.py), not stored translated.
    event = models.ForeignKey(
        "core.TimelineEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("timeline event"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contested commitment")
        verbose_name_plural = _("contested commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["window", "commitment"], name="contested_flag_once_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} ({self.window.label})"


class _LazyViews:
    """`commitment.coevaluation` / `plan.coevaluation` for the plan templates' partials.

    The plan pages' views are not this feature's code: the partials read these attributes,
    computed once per object (transparency/coeval/aggregates.py), instead of context keys.
    """

    def __init__(self, build_path: str):
        self.build_path = build_path
        self.name = ""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        cache_key = f"_coeval_{self.name}"
        if cache_key not in instance.__dict__:
            from importlib import import_module

            module_name, function_name = self.build_path.rsplit(".", 1)
            build = getattr(import_module(module_name), function_name)
            instance.__dict__[cache_key] = build(instance)
        return instance.__dict__[cache_key]


def _attach(model, name, build_path):
    descriptor = _LazyViews(build_path)
    descriptor.__set_name__(model, name)
    setattr(model, name, descriptor)


_attach(Commitment, "coevaluation", "transparency.coeval.aggregates.commitment_views")
_attach(ActionPlan, "coevaluation", "transparency.coeval.aggregates.PlanCoevaluation")
