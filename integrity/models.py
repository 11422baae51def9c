"""The integrity initiatives bank: what administrations do against corruption (commitment 7).

An initiative is written by a civil servant of its lead administration, submitted for
review, and published (or sent back with a comment) by an integrity moderator. Only
`services.py` changes `Initiative.state`; the public sees `Initiative.objects.public()`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import TimeStampedModel

from .validators import storage_name, validate_document


class Vocabulary(models.Model):
    """A term of a staff-editable vocabulary; `name` is translated (name_ar, name_fr, name_en)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name or self.slug


class Sector(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class ChallengeType(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("type of challenge")
        verbose_name_plural = _("types of challenge")


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state=Initiative.State.PUBLISHED)

    def awaiting_review(self):
        return self.filter(state=Initiative.State.SUBMITTED)

    def of_administration(self, administration):
        return self.filter(lead_administration=administration)

    def related_to(self, initiative):
        """Other published initiatives on the same challenge or in the same sector."""
        return (
            self.public()
            .exclude(pk=initiative.pk)
            .filter(
                models.Q(challenge_type_id=initiative.challenge_type_id)
                | models.Q(sector_id=initiative.sector_id)
            )
        )


class Initiative(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned for changes")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("national")
        REGIONAL = "regional", _("regional")

    # Translated: title_ar/_fr/_en, summary_*, description_* (see translation.py).
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(_("description"), blank=True)

    lead_administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        related_name="integrity_initiatives",
        verbose_name=_("lead administration"),
    )
    partner_administrations = models.ManyToManyField(
        "directory.Administration",
        blank=True,
        related_name="integrity_partnerships",
        verbose_name=_("partner administrations"),
    )
    other_partners = models.CharField(
        _("other partners"),
        max_length=500,
        blank=True,
        help_text=_("Associations, international organisations, companies; separated by commas."),
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("sector")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("theme")
    )
    challenge_type = models.ForeignKey(
        ChallengeType,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("type of challenge"),
    )
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.NATIONAL
    )
    regions = models.ManyToManyField(
        "directory.Region",
        blank=True,
        related_name="integrity_initiatives",
        verbose_name=_("regions"),
        help_text=_("For a regional initiative: the regions where it runs."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    # An institutional contact only: a unit and its web page, never a person.
    contact_unit = models.CharField(
        _("contact unit"),
        max_length=200,
        blank=True,
        help_text=_("A department or service, not a person's name."),
    )
    contact_url = models.URLField(_("contact web page"), blank=True)

    state = models.CharField(
        _("publication state"),
        max_length=10,
        choices=State.choices,
        default=State.DRAFT,
        db_index=True,
        editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, editable=False, db_index=True
    )
    review_comment = models.TextField(_("moderator's comment"), blank=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("integrity initiative")
        verbose_name_plural = _("integrity initiatives")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("integrity:initiative", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_editable_by_submitter(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})


class Indicator(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=255)  # translated
    unit = models.CharField(_("unit"), max_length=40, blank=True)  # translated
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def progress_percent(self) -> int | None:
        """How far actual has moved from baseline towards target, 0 to 100."""
        if self.actual is None or self.target == self.baseline:
            return None
        share = (self.actual - self.baseline) / (self.target - self.baseline)
        return max(0, min(100, round(float(share) * 100)))


def document_path(instance, filename):
    # A random name (ogp_portal.core.uploads): the original name may carry personal data.
    return storage_name(filename, folder=str(instance.initiative_id or "new"))


class InitiativeDocument(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=document_path, validators=[validate_document], max_length=255
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class InitiativeLink(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title
