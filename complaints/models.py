"""Complaints, observations and suggestions about public services (decree 2-17-265).

A complaint is filed (web, phone, counter, mail, Open311), sorted by the central triage,
forwarded to an administration, answered by its complaints officer, rated and possibly
reopened. Every status change goes through complaints.services. Complaints are never
public one by one: the public sees aggregates (AnalyticsSnapshot) only.
"""

import datetime
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import TimeStampedModel


class ComplaintPolicy(models.Model):
    """The deadlines of the decree as data, editable by staff (one row, pk=1)."""

    forward_days = models.PositiveSmallIntegerField(
        _("days to forward"), default=15, help_text=_("Calendar days from receipt to forwarding.")
    )
    answer_days = models.PositiveSmallIntegerField(
        _("days to answer"), default=60, help_text=_("Calendar days from receipt to the answer.")
    )
    reopen_days = models.PositiveSmallIntegerField(
        _("days to reopen"),
        default=30,
        help_text=_("How long after the answer the complainant may reopen the complaint."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder before the deadline (days)"), default=7
    )

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policy")

    def __str__(self) -> str:
        return str(_("Deadline policy"))

    @classmethod
    def current(cls) -> "ComplaintPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class Category(models.Model):
    """A theme of complaints for one administration; an Open311 service."""

    administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.CASCADE,
        related_name="complaint_categories",
        verbose_name=_("administration"),
    )
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Open311 service code.")
    )
    name = models.CharField(_("name"), max_length=200)  # translated: name_ar, name_fr, name_en
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["administration", "order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class ResponseTemplate(models.Model):
    class Outcome(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEGATIVE = "negative", _("negative")
        PARTIAL = "partial", _("partial")

    administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.CASCADE,
        related_name="complaint_response_templates",
        verbose_name=_("administration"),
    )
    title = models.CharField(_("title"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    body = models.TextField(
        _("text"),
        help_text=_("{reference} and {subject} are replaced by the complaint's values."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["administration", "outcome", "title"]
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")

    def __str__(self) -> str:
        return self.title

    def render(self, complaint) -> str:
        return self.body.replace("{reference}", complaint.reference).replace(
            "{subject}", complaint.subject
        )


class ComplaintQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Complaints a staff user may handle: all for OGP staff, their administration's otherwise."""
        from ogp_portal.accounts.permissions import is_unscoped

        if is_unscoped(user):
            return self
        if getattr(user, "administration_id", None):
            return self.filter(administration_id=user.administration_id)
        return self.none()

    def of(self, user):
        return self.filter(complainant=user) if user.is_authenticated else self.none()

    def awaiting_triage(self):
        return self.filter(status=Complaint.Status.RECEIVED)

    def open(self):
        return self.filter(status__in=Complaint.OPEN_STATUSES)

    def overdue_to_forward(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Complaint.Status.RECEIVED, forward_due__lt=today)

    def overdue_to_answer(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=Complaint.AWAITING_ANSWER, answer_due__lt=today)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(status=Complaint.Status.RECEIVED, forward_due__lt=today)
            | Q(status__in=Complaint.AWAITING_ANSWER, answer_due__lt=today)
        )

    def due_soon(self, days: int, today=None):
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=days)
        return self.filter(status__in=Complaint.AWAITING_ANSWER, answer_due__range=(today, horizon))


def _tracking_token() -> str:
    return secrets.token_urlsafe(24)


class Complaint(TimeStampedModel):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("complaint")
        OBSERVATION = "observation", _("observation")
        SUGGESTION = "suggestion", _("suggestion")

    class Channel(models.TextChoices):
        WEB = "web", _("web")
        PHONE = "phone", _("phone")
        COUNTER = "counter", _("counter")
        MAIL = "mail", _("mail")
        OPEN311 = "open311", _("partner application (Open311)")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        FORWARDED = "forwarded", _("forwarded")
        IN_PROGRESS = "in_progress", _("in progress")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")
        REJECTED = "rejected", _("rejected")

    class Contact(models.TextChoices):
        EMAIL = "email", _("email")
        PHONE = "phone", _("phone call")
        SMS = "sms", _("SMS")

    class RejectionReason(models.TextChoices):
        OUT_OF_SCOPE = "out_of_scope", _("out of scope")
        DUPLICATE = "duplicate", _("duplicate")
        ABUSIVE = "abusive", _("abusive")

    OPEN_STATUSES = (
        Status.RECEIVED,
        Status.FORWARDED,
        Status.IN_PROGRESS,
        Status.REOPENED,
    )
    AWAITING_ANSWER = (Status.FORWARDED, Status.IN_PROGRESS, Status.REOPENED)

    reference = models.CharField(_("tracking number"), max_length=20, unique=True, editable=False)
    tracking_token = models.CharField(
        max_length=64, unique=True, default=_tracking_token, editable=False
    )
    # The Open311 token given to a partner application (never the private tracking token).
    open311_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPLAINT)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("administration"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("category"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    province = models.ForeignKey(
        "directory.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    commune = models.ForeignKey(
        "directory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    # The region counted in statistics: the province's, else the administration's.
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("complainant"),
    )
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_preference = models.CharField(
        _("preferred contact"), max_length=10, choices=Contact.choices, default=Contact.EMAIL
    )
    language = models.CharField(_("language"), max_length=10, default="ar")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by (agent)"),
    )
    api_key = models.ForeignKey(
        "ApiKey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("partner application"),
    )

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    forward_due = models.DateField(_("forward by"), null=True, blank=True, db_index=True)
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    answer_due = models.DateField(_("answer by"), null=True, blank=True, db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # The first answer: what "time to answer" and "answered within the deadline" count.
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    answer_outcome = models.CharField(
        _("outcome"), max_length=10, choices=ResponseTemplate.Outcome.choices, blank=True
    )
    answer_text = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    rejection_reason = models.CharField(
        _("rejection reason"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    rejection_note = models.TextField(_("rejection note"), blank=True)

    resolved = models.BooleanField(_("resolved (complainant)"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True, max_length=2000)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopen_reason = models.TextField(_("reopen reason"), blank=True)

    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["administration", "status", "received_at"]),
            models.Index(fields=["status", "answer_due"]),
            # The officer's changelist: their administration, newest first (default ordering).
            models.Index(
                fields=["administration", "-received_at", "-id"], name="complaint_admin_recent"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="complaint_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.reference or str(_("new complaint"))

    def get_tracking_url(self) -> str:
        return reverse("complaints:track", kwargs={"token": self.tracking_token})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        today = timezone.localdate()
        if self.status == self.Status.RECEIVED:
            return bool(self.forward_due and self.forward_due < today)
        if self.status in self.AWAITING_ANSWER:
            return bool(self.answer_due and self.answer_due < today)
        return False

    def reopen_until(self, policy: ComplaintPolicy | None = None):
        if not self.answered_at:
            return None
        policy = policy or ComplaintPolicy.current()
        return self.answered_at + datetime.timedelta(days=policy.reopen_days)

    def can_be_reopened(self, now=None, policy=None) -> bool:
        until = self.reopen_until(policy)
        return (
            self.status in (self.Status.ANSWERED, self.Status.CLOSED)
            and until is not None
            and (now or timezone.now()) <= until
        )

    @property
    def can_be_rated(self) -> bool:
        return self.status in (self.Status.ANSWERED, self.Status.CLOSED)

    @property
    def contact_address_email(self) -> str:
        return self.contact_email or (self.complainant.email if self.complainant else "")

    @property
    def contact_address_phone(self) -> str:
        return self.contact_phone or (self.complainant.phone if self.complainant else "")


def attachment_path(instance, filename: str) -> str:
    # The original name is kept in a field; the stored name reveals nothing.
    from .uploads import storage_name

    return storage_name(filename, content_type=instance.content_type)


class Attachment(models.Model):
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("complaint")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Message(models.Model):
    """The thread between the complainant and the administration's officer."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="messages", verbose_name=_("complaint")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    from_complainant = models.BooleanField(_("from the complainant"), default=False)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.complaint} · {self.created_at:%Y-%m-%d}"


class InternalNote(models.Model):
    """A note among staff; never shown to the complainant."""

    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.CASCADE,
        related_name="internal_notes",
        verbose_name=_("complaint"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return f"{self.complaint} · {self.created_at:%Y-%m-%d}"


class Transfer(models.Model):
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("complaint")
    )
    from_administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("from"),
    )
    to_administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to"),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.complaint}: {self.from_administration} → {self.to_administration}"


def hash_api_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(TimeStampedModel):
    """A partner application's key for Open311 POST; only its hash is stored."""

    name = models.CharField(_("partner application"), max_length=150)
    prefix = models.CharField(_("key prefix"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def set_new_key(self) -> str:
        """Give the key a fresh secret and return it (shown once; only the hash is kept)."""
        raw = secrets.token_urlsafe(30)
        self.prefix = raw[:8]
        self.key_hash = hash_api_key(raw)
        return raw

    @classmethod
    def issue(cls, name: str, *, issued_by=None) -> tuple["ApiKey", str]:
        key = cls(name=name, issued_by=issued_by)
        raw = key.set_new_key()
        key.save()
        return key, raw

    @classmethod
    def authenticate(cls, raw: str | None) -> "ApiKey | None":
        if not raw:
            return None
        return cls.objects.filter(key_hash=hash_api_key(raw), is_active=True).first()


class AnalyticsSnapshot(models.Model):
    """One computation of the statistics; the public dashboard reads the latest."""

    computed_at = models.DateTimeField(_("computed"), default=timezone.now, db_index=True)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    total = models.PositiveIntegerField(_("complaints"), default=0)
    duration_ms = models.PositiveIntegerField(_("computed in (ms)"), default=0)
    # Topic clustering: how many texts were clustered (a sample above COMPLAINTS_TOPICS_SAMPLE),
    # and the month whose growth the topics compare with the month before.
    topics_sample = models.PositiveIntegerField(_("texts clustered"), default=0)
    topics_month = models.CharField(_("month compared"), max_length=7, blank=True)

    class Meta:
        ordering = ["-computed_at", "-pk"]
        get_latest_by = "computed_at"
        verbose_name = _("statistics snapshot")
        verbose_name_plural = _("statistics snapshots")

    def __str__(self) -> str:
        return f"{self.computed_at:%Y-%m-%d %H:%M} ({self.total})"


class SnapshotRow(models.Model):
    """Aggregates of one group of complaints (an administration, a region, a month...)."""

    class Dimension(models.TextChoices):
        OVERALL = "overall", _("all complaints")
        ADMINISTRATION = "administration", _("administration")
        CATEGORY = "category", _("category")
        REGION = "region", _("region")
        CHANNEL = "channel", _("channel")
        KIND = "kind", _("kind")
        MONTH = "month", _("month")
        # Drill-down of one administration (parent = its slug; key = "slug/value").
        ADMINISTRATION_MONTH = "administration_month", _("administration by month")
        ADMINISTRATION_REGION = "administration_region", _("administration by region")
        ADMINISTRATION_CHANNEL = "administration_channel", _("administration by channel")

    snapshot = models.ForeignKey(AnalyticsSnapshot, on_delete=models.CASCADE, related_name="rows")
    dimension = models.CharField(max_length=30, choices=Dimension.choices)
    key = models.CharField(max_length=200)  # slug, code, channel value, "2026-03", "slug/2026-03"
    # The administration (slug) a category row or a drill-down row belongs to.
    parent = models.CharField(max_length=120, blank=True)
    value = models.CharField(max_length=120, blank=True)  # the key without the parent
    label_ar = models.CharField(max_length=255, blank=True)
    label_fr = models.CharField(max_length=255, blank=True)
    label_en = models.CharField(max_length=255, blank=True)
    received = models.PositiveIntegerField(default=0)
    forwarded = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answered_on_time = models.PositiveIntegerField(default=0)
    positive = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    rating_avg = models.FloatField(null=True)
    days_to_forward_median = models.FloatField(null=True)
    days_to_forward_p90 = models.FloatField(null=True)
    days_to_answer_median = models.FloatField(null=True)
    days_to_answer_p90 = models.FloatField(null=True)
    per_100k = models.FloatField(null=True)

    class Meta:
        ordering = ["snapshot", "dimension", "-received", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "dimension", "key"], name="unique_snapshot_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.key}"

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "ar")[:2]
        return getattr(self, f"label_{language}", "") or self.label_fr or self.label_ar or self.key

    @property
    def on_time_share(self) -> float | None:
        return round(100 * self.answered_on_time / self.answered, 1) if self.answered else None

    @property
    def reopen_rate(self) -> float | None:
        return round(100 * self.reopened / self.answered, 1) if self.answered else None

    @property
    def answered_share(self) -> float | None:
        return round(100 * self.answered / self.received, 1) if self.received else None


class SnapshotTopic(models.Model):
    """A topic found in the complaint texts of one script: its top terms, never a text.

    Texts are clustered per script (Arabic or Latin letters) by NMF over TF-IDF of character
    n-grams; the terms shown are the words most typical of the cluster, each found in at least
    MIN_CELL complaints. `size` counts the clustered texts (a sample for large volumes);
    `growth` is the change, in percentage points, of the topic's share of the script's texts
    between the snapshot's month and the month before.
    """

    class Script(models.TextChoices):
        ARABIC = "arabic", _("Arabic script")
        LATIN = "latin", _("Latin script")

    snapshot = models.ForeignKey(AnalyticsSnapshot, on_delete=models.CASCADE, related_name="topics")
    month = models.CharField(_("month"), max_length=7, blank=True)
    script = models.CharField(_("script"), max_length=10, choices=Script.choices)
    rank = models.PositiveSmallIntegerField(_("rank"))
    terms = models.JSONField(_("top terms"), default=list)
    size = models.PositiveIntegerField(_("texts"), default=0)
    share = models.FloatField(_("share (%)"), default=0)
    this_month = models.PositiveIntegerField(_("texts this month"), default=0)
    previous_month = models.PositiveIntegerField(_("texts the month before"), default=0)
    growth = models.FloatField(_("growth (points)"), null=True)
    growing = models.BooleanField(_("growing"), default=False)

    class Meta:
        ordering = ["snapshot", "script", "rank"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "script", "rank"], name="unique_snapshot_topic"
            )
        ]

    def __str__(self) -> str:
        return ", ".join(self.terms[:3])
