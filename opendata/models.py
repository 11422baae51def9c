"""The open data registry: datasets and their resources, publishers' adoption, reuses, requests.

Title and description of datasets and the vocabularies are translated
(opendata/translation.py). The quality score is computed by opendata.quality
(a pure function) and stored on the dataset so that lists can facet on it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import Moderatable, TimeStampedModel
from ogp_portal.directory.models import Administration, Region


class Theme(models.Model):
    """One of the national portal's 12 themes (a controlled vocabulary)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)  # translated
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Licence(models.Model):
    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=120)
    url = models.URLField(_("URL"), blank=True)
    is_open = models.BooleanField(
        _("open licence"), default=True, help_text=_("Conforms to the Open Definition.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self) -> str:
        return self.title


class Frequency(models.TextChoices):
    """Update frequencies, as ISO 8601 durations where there is one (like DCAT's)."""

    CONTINUOUS = "continuous", _("continuously updated")
    DAILY = "P1D", _("daily")
    WEEKLY = "P1W", _("weekly")
    MONTHLY = "P1M", _("monthly")
    QUARTERLY = "P3M", _("quarterly")
    SEMIANNUAL = "P6M", _("every six months")
    ANNUAL = "P1Y", _("annual")
    IRREGULAR = "irregular", _("irregular")
    PUNCTUAL = "punctual", _("published once")
    UNKNOWN = "unknown", _("unknown")


# Days between updates, for the "updated on schedule" criterion.
FREQUENCY_DAYS = {
    Frequency.DAILY: 1,
    Frequency.WEEKLY: 7,
    Frequency.MONTHLY: 31,
    Frequency.QUARTERLY: 92,
    Frequency.SEMIANNUAL: 183,
    Frequency.ANNUAL: 366,
}


class DatasetQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, publisher__is_active=True)

    def visible_to(self, user):
        from ogp_portal.accounts.permissions import is_unscoped

        if is_unscoped(user):
            return self
        if getattr(user, "administration_id", None):
            return self.filter(publisher_id=user.administration_id)
        return self.none()


class QualityBand(models.TextChoices):
    LOW = "low", _("to improve (under 50)")
    MEDIUM = "medium", _("fair (50 to 79)")
    HIGH = "high", _("good (80 and over)")


def band_for(score: int) -> str:
    if score >= 80:
        return QualityBand.HIGH
    if score >= 50:
        return QualityBand.MEDIUM
    return QualityBand.LOW


class Dataset(TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=255)  # translated
    description = models.TextField(_("description"), blank=True)  # translated
    publisher = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="datasets",
        verbose_name=_("publisher"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="datasets", verbose_name=_("themes")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="datasets", verbose_name=_("tags"))
    licence = models.ForeignKey(
        Licence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="datasets",
        verbose_name=_("licence"),
    )
    frequency = models.CharField(
        _("update frequency"), max_length=12, choices=Frequency.choices, default=Frequency.UNKNOWN
    )
    temporal_start = models.DateField(_("covers from"), null=True, blank=True)
    temporal_end = models.DateField(_("covers until"), null=True, blank=True)
    is_national = models.BooleanField(_("covers the whole country"), default=False)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="datasets", verbose_name=_("regions covered")
    )
    # An institutional contact point (a department and its web page), never a person.
    contact_point = models.CharField(
        _("contact point"),
        max_length=200,
        blank=True,
        help_text=_("A department or service, e.g. 'Statistics department'. Never a person."),
    )
    contact_url = models.URLField(_("contact page"), blank=True)
    issued = models.DateField(_("first published"), null=True, blank=True, db_index=True)
    modified = models.DateTimeField(_("last updated"), default=timezone.now)
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    # Datasets the portal publishes from its own apps' exports (see opendata.own_exports).
    export_key = models.CharField(
        _("portal export key"), max_length=100, null=True, blank=True, unique=True, editable=False
    )
    quality_score = models.PositiveSmallIntegerField(_("quality score"), default=0, editable=False)
    quality_band = models.CharField(
        _("quality"),
        max_length=10,
        choices=QualityBand.choices,
        default=QualityBand.LOW,
        editable=False,
        db_index=True,
    )

    objects = DatasetQuerySet.as_manager()

    class Meta:
        ordering = ["-modified", "pk"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opendata:dataset", kwargs={"slug": self.slug})

    def assess(self):
        from .quality import assess_dataset

        return assess_dataset(self)

    def refresh_quality(self, *, save: bool = True) -> int:
        score = self.assess().score
        self.quality_score = score
        self.quality_band = band_for(score)
        if save and self.pk:
            Dataset.objects.filter(pk=self.pk).update(
                quality_score=score, quality_band=self.quality_band
            )
        return score


class Resource(TimeStampedModel):
    class Kind(models.TextChoices):
        FILE = "file", _("file")
        API = "api", _("API")
        DOCUMENTATION = "documentation", _("documentation")

    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="resources", verbose_name=_("dataset")
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FILE)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="opendata/resources/%Y/", blank=True)
    format = models.CharField(_("format"), max_length=20, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    last_modified = models.DateTimeField(_("last modified"), default=timezone.now)

    class Meta:
        ordering = ["dataset", "pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title

    @property
    def download_url(self) -> str:
        """An uploaded file's download view (a path; feeds make it absolute), or the link."""
        if self.file:
            return reverse(
                "opendata:resource_download", kwargs={"slug": self.dataset.slug, "pk": self.pk}
            )
        return self.url


class PublisherProfileQuerySet(models.QuerySet):
    def adopting(self):
        """Administrations that adopted open data: publishing or certified."""
        return self.filter(
            status__in=[PublisherProfile.Status.PUBLISHING, PublisherProfile.Status.CERTIFIED]
        )


class PublisherProfile(TimeStampedModel):
    """An administration's adoption of open data."""

    class Status(models.TextChoices):
        NOT_ENGAGED = "not_engaged", _("not engaged")
        COMMITTED = "committed", _("committed (data officer named)")
        PUBLISHING = "publishing", _("publishing")
        CERTIFIED = "certified", _("certified")

    administration = models.OneToOneField(
        Administration,
        on_delete=models.CASCADE,
        related_name="open_data_profile",
        verbose_name=_("administration"),
    )
    status = models.CharField(
        _("adoption status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NOT_ENGAGED,
        db_index=True,
    )
    # The role, not the person: "Chief data officer, Digital department".
    data_officer_title = models.CharField(
        _("data officer (role title)"),
        max_length=200,
        blank=True,
        help_text=_("The position, e.g. 'Head of the statistics department'. No name or email."),
    )
    joined_on = models.DateField(_("date joined"), null=True, blank=True)
    description = models.TextField(_("about"), blank=True)

    objects = PublisherProfileQuerySet.as_manager()

    class Meta:
        ordering = ["administration__name"]
        verbose_name = _("publisher profile")
        verbose_name_plural = _("publisher profiles")

    def __str__(self) -> str:
        return str(self.administration)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.status == self.Status.COMMITTED and not self.data_officer_title.strip():
            raise ValidationError(
                {
                    "data_officer_title": _(
                        "A committed administration names its data officer (the role)."
                    )
                }
            )


class ReuseQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Reuse.Status.PUBLISHED, is_hidden=False)


class Reuse(Moderatable, TimeStampedModel):
    class Type(models.TextChoices):
        APP = "app", _("application")
        VISUALISATION = "visualisation", _("visualisation")
        ARTICLE = "article", _("article")
        API = "api", _("API")
        IDEA = "idea", _("idea")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    url = models.URLField(_("link"), max_length=500, blank=True)
    image = models.ImageField(_("image"), upload_to="opendata/reuses/", blank=True)
    datasets = models.ManyToManyField(
        Dataset, related_name="reuses", verbose_name=_("datasets used")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opendata_reuses",
        verbose_name=_("submitted by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moderation_note = models.TextField(_("moderation note"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ReuseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opendata:reuse", kwargs={"pk": self.pk})

    @property
    def image_url(self) -> str:
        """The image's view (a path), or "" without an image."""
        return reverse("opendata:reuse_image", kwargs={"pk": self.pk}) if self.image else ""


class DatasetRequestQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_hidden=False)

    def visible_to(self, user):
        from ogp_portal.accounts.permissions import is_unscoped

        if is_unscoped(user):
            return self
        if getattr(user, "administration_id", None):
            return self.filter(publisher_id=user.administration_id)
        return self.none()


class DatasetRequest(Moderatable, TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PLANNED = "planned", _("planned")
        PUBLISHED = "published", _("published")
        REFUSED = "refused", _("refused")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opendata_requests",
        verbose_name=_("requester"),
    )
    title = models.CharField(_("data wanted"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    publisher = models.ForeignKey(
        Administration,
        on_delete=models.PROTECT,
        related_name="dataset_requests",
        verbose_name=_("administration asked"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    answer = models.TextField(_("answer"), blank=True)
    planned_for = models.DateField(_("planned for"), null=True, blank=True)
    dataset = models.ForeignKey(
        Dataset,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("published dataset"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = DatasetRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dataset request")
        verbose_name_plural = _("dataset requests")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("opendata:request", kwargs={"pk": self.pk})

    def ati_url(self, language: str | None = None) -> str:
        """A prefilled access-to-information request (Law 31-13) for a refused request.

        The transparency app owns that form; its URL is a plain path so the apps stay apart.
        """
        from urllib.parse import urlencode

        from django.utils.translation import get_language

        lang = (language or get_language() or settings.LANGUAGE_CODE)[:2]
        query = urlencode(
            {
                "administration": self.publisher.slug,
                "subject": self.title,
                "description": self.description,
            }
        )
        return f"/{lang}/transparency/requests/new/?{query}"
