"""What every app shares: timestamps, timeline events, reference counters,
official holidays, content reports and moderation, notifications."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TimelineEventQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )

    def public(self):
        return self.filter(is_public=True)


class TimelineEvent(models.Model):
    """One step in the life of any object: who did what, when, from which status to which.

    Written by services in the same transaction as the change (see core.timeline.record).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, db_index=True)
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("event"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    # The actor's role as the public may see it ("information officer", "citizen"), never a name.
    actor_role = models.CharField(_("actor's role"), max_length=60, blank=True)
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = TimelineEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.kind} ({self.created_at:%Y-%m-%d})"


class ReferenceCounter(models.Model):
    """Last number handed out per prefix and year, for ATI-2026-000123 style references."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_reference_counter")
        ]
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_value}"


class OfficialHoliday(models.Model):
    """The official calendar where it differs from the holidays library's estimates.

    Islamic holidays follow the moon sighting; the library only estimates them.
    A *holiday* row adds a non-working day, a *working day* row cancels a date the
    library (wrongly) counts as a holiday.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday (not worked)")
        WORKING_DAY = "working_day", _("working day (cancels an estimate)")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Official announcement, e.g. the Ministry of Habous communiqué."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("official holiday date")
        verbose_name_plural = _("official holiday dates")

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class ModerationCase(TimeStampedModel):
    """The moderation state of one piece of user content, fed by reports."""

    class Status(models.TextChoices):
        VISIBLE = "visible", _("visible")
        PENDING = "pending", _("reported, awaiting review")
        HIDDEN = "hidden", _("hidden")
        KEPT = "kept", _("reviewed and kept")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VISIBLE, db_index=True
    )
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    auto_hidden = models.BooleanField(_("hidden automatically"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_moderation_case"
            )
        ]
        ordering = ["-report_count", "created_at"]
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id} ({self.get_status_display()})"


class ContentReport(TimeStampedModel):
    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", _("offensive or abusive")
        PERSONAL_DATA = "personal_data", _("contains personal data")
        SPAM = "spam", _("spam or advertising")
        DISCRIMINATORY = "discriminatory", _("discriminatory or hateful")
        OFF_TOPIC = "off_topic", _("off topic")
        OTHER = "other", _("other")

    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="content_reports",
        verbose_name=_("reporter"),
    )
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    text = models.TextField(_("details"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reporter"],
                condition=models.Q(reporter__isnull=False),
                name="one_report_per_user",
            )
        ]
        verbose_name = _("content report")
        verbose_name_plural = _("content reports")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} – {self.case}"


class Moderatable(models.Model):
    """Mixin for user content that reports can hide (comments, ideas, reuses...)."""

    is_hidden = models.BooleanField(_("hidden by moderation"), default=False, db_index=True)

    class Meta:
        abstract = True


class Notification(TimeStampedModel):
    """One message to one person on one channel; the task sends it and records the outcome."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("email")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    address = models.CharField(_("address"), max_length=254)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    template = models.CharField(_("template"), max_length=100)
    context = models.JSONField(_("context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="ar")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.template} → {self.get_channel_display()} ({self.get_status_display()})"


class LinkQuerySet(models.QuerySet):
    def from_object(self, obj):
        return self.filter(
            from_content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            from_object_id=str(obj.pk),
        )

    def to_object(self, obj):
        return self.filter(
            to_content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            to_object_id=str(obj.pk),
        )

    def touching(self, obj):
        """Links from or to the object."""
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        pk = str(obj.pk)
        return self.filter(
            models.Q(from_content_type=content_type, from_object_id=pk)
            | models.Q(to_content_type=content_type, to_object_id=pk)
        )


class Link(models.Model):
    """A typed link between two objects of (usually) different apps.

    Written only by core.links.create_link / remove_link, which check the registry (which
    models may be sources and targets) and the actor's right; read by core.links.public_links.
    """

    class Kind(models.TextChoices):
        ABOUT = "about", _("is about")
        SUPPORTS = "supports", _("supports")
        BECAME = "became", _("was followed up as")
        RELATED = "related", _("is related to")

    from_content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("from type")
    )
    from_object_id = models.CharField(_("from id"), max_length=64)
    source = GenericForeignKey("from_content_type", "from_object_id")
    to_content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("to type")
    )
    to_object_id = models.CharField(_("to id"), max_length=64)
    target = GenericForeignKey("to_content_type", "to_object_id")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RELATED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")
        indexes = [
            models.Index(fields=["from_content_type", "from_object_id"]),
            models.Index(fields=["to_content_type", "to_object_id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "from_content_type",
                    "from_object_id",
                    "to_content_type",
                    "to_object_id",
                    "kind",
                ],
                name="unique_link",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.from_content_type.model} #{self.from_object_id} {self.kind} "
            f"{self.to_content_type.model} #{self.to_object_id}"
        )
