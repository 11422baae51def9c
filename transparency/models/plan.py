"""The national action plan, progress and co-creation.

Translated fields (django-modeltranslation, see transparency/translation.py) carry a
comment; progress maths live in transparency/plan/progress.py, state changes in
transparency/plan/services.py.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import Moderatable, TimeStampedModel

__all__ = [
    "ActionPlan",
    "PlanDocument",
    "Theme",
    "OgpValue",
    "IrmRating",
    "Commitment",
    "CommitmentQuerySet",
    "Milestone",
    "MilestoneQuerySet",
    "MilestoneEvidence",
    "ProgressUpdate",
    "Comment",
    "Consultation",
    "Idea",
    "IdeaSupport",
]


class ActionPlan(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONSULTATION = "consultation", _("in consultation")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=255)  # translated
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    description = models.TextField(_("description"), blank=True)  # translated

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="plan_years_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transparency:plan_detail", kwargs={"slug": self.slug})

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class PlanDocument(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="documents", verbose_name=_("plan")
    )
    title = models.CharField(_("title"), max_length=255)  # translated
    file = models.FileField(_("file"), upload_to="transparency/plans/", blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        """A file is served by a view (only while the plan is public), never from MEDIA_URL."""
        if self.file:
            from django.urls import reverse

            return reverse(
                "transparency:plan_document", kwargs={"slug": self.plan.slug, "pk": self.pk}
            )
        return self.url


class Theme(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("plan")
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=200)  # translated
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="theme_slug_unique_per_plan")
        ]

    def __str__(self) -> str:
        return self.name


class OgpValue(models.Model):
    """The OGP values a commitment serves (data, seeded by transparency.plan.scales)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)  # translated
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("OGP value")
        verbose_name_plural = _("OGP values")

    def __str__(self) -> str:
        return self.name


class IrmRating(models.Model):
    """One level of an Independent Reporting Mechanism scale (data, editable)."""

    class Scale(models.TextChoices):
        POTENTIAL = "potential", _("potential for results")
        COMPLETION = "completion", _("completion")
        EARLY_RESULTS = "early_results", _("early results")

    scale = models.CharField(_("scale"), max_length=20, choices=Scale.choices, db_index=True)
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=100)  # translated
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["scale", "order"]
        verbose_name = _("IRM rating")
        verbose_name_plural = _("IRM ratings")
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="irm_rating_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_scale_display()}: {self.label}"


class CommitmentQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(plan__status=ActionPlan.Status.DRAFT)

    def off_track(self, today=None):
        """Commitments with a milestone past its due date and not completed (nor cancelled)."""
        today = today or timezone.localdate()
        late = Milestone.objects.filter(commitment=OuterRef("pk")).late(today)
        return self.filter(Exists(late))

    def on_track(self, today=None):
        today = today or timezone.localdate()
        late = Milestone.objects.filter(commitment=OuterRef("pk")).late(today)
        return self.exclude(Exists(late))

    def with_off_track(self, today=None):
        today = today or timezone.localdate()
        late = Milestone.objects.filter(commitment=OuterRef("pk")).late(today)
        return self.annotate(is_off_track=Exists(late))


class Commitment(TimeStampedModel):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    ogp_id = models.CharField(_("OGP id"), max_length=20, blank=True, help_text=_("e.g. MO0006"))
    title = models.CharField(_("title"), max_length=300)  # translated
    problem = models.TextField(_("problem addressed"), blank=True)  # translated
    text = models.TextField(_("commitment"), blank=True)  # translated
    ambition = models.TextField(_("ambition"), blank=True)  # translated
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("theme"),
    )
    ogp_values = models.ManyToManyField(
        OgpValue, blank=True, related_name="commitments", verbose_name=_("OGP values")
    )
    lead_administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        related_name="led_commitments",
        verbose_name=_("lead administration"),
    )
    partners = models.ManyToManyField(
        "directory.Administration",
        blank=True,
        related_name="partner_commitments",
        verbose_name=_("partner administrations"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    irm_potential = models.ForeignKey(
        IrmRating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"scale": IrmRating.Scale.POTENTIAL},
        verbose_name=_("IRM potential for results"),
    )
    irm_completion = models.ForeignKey(
        IrmRating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"scale": IrmRating.Scale.COMPLETION},
        verbose_name=_("IRM completion"),
    )
    irm_early_results = models.ForeignKey(
        IrmRating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"scale": IrmRating.Scale.EARLY_RESULTS},
        verbose_name=_("IRM early results"),
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="commitment_number_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "transparency:commitment_detail",
            kwargs={"slug": self.plan.slug, "number": self.number},
        )

    @property
    def progress(self) -> int:
        from transparency.plan.progress import commitment_progress

        return commitment_progress(self)

    @property
    def off_track(self) -> bool:
        return self.milestones.late().exists()


class MilestoneQuerySet(models.QuerySet):
    def counted(self):
        """Milestones that count in the roll-up (cancelled ones do not)."""
        return self.exclude(status=Milestone.Status.CANCELLED)

    def late(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today).exclude(
            status__in=[Milestone.Status.COMPLETED, Milestone.Status.CANCELLED]
        )


class Milestone(TimeStampedModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("commitment"),
    )
    title = models.CharField(_("title"), max_length=300)  # translated
    start_date = models.DateField(_("start"), null=True, blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NOT_STARTED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "order", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="milestone_progress_max"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="milestone_weight_min"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_late(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(
            self.due_date
            and self.due_date < today
            and self.status not in (self.Status.COMPLETED, self.Status.CANCELLED)
        )


class MilestoneEvidence(models.Model):
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("milestone")
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="transparency/evidence/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        """A file is served by a view (only while the plan is public), never from MEDIA_URL."""
        if self.file:
            from django.urls import reverse

            return reverse("transparency:milestone_evidence", kwargs={"pk": self.pk})
        return self.url


class ProgressUpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProgressUpdate.Status.PUBLISHED)


class ProgressUpdate(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("commitment"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"))
    progress_claimed = models.PositiveSmallIntegerField(
        _("progress claimed (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.commitment} — {self.created_at:%Y-%m-%d}" if self.created_at else "update"


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


class Comment(Moderatable, TimeStampedModel):
    class Stance(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        NEUTRAL = "neutral", _("neutral")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="comments", verbose_name=_("commitment")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=3000)
    stance = models.CharField(
        _("stance"), max_length=10, choices=Stance.choices, default=Stance.NEUTRAL
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.commitment.get_absolute_url()}#comment-{self.pk}"


class ConsultationQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Consultation(TimeStampedModel):
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("plan"),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=255)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="consultation_window"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("transparency:consultation_detail", kwargs={"slug": self.slug})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class IdeaQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def decided(self):
        return self.exclude(status=Idea.Status.SUBMITTED)


class Idea(Moderatable, TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting an answer")
        ACCEPTED = "accepted", _("accepted")
        MERGED = "merged", _("merged into a commitment")
        REJECTED = "rejected", _("rejected")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("consultation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("idea"), max_length=5000)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("theme"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    response = models.TextField(_("answer"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    merged_into = models.ForeignKey(
        Commitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    supporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="IdeaSupport",
        related_name="+",
        blank=True,
        verbose_name=_("supporters"),
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.consultation.get_absolute_url()}#idea-{self.pk}"


class IdeaSupport(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="idea_support_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"
