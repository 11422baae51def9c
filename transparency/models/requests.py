"""Access-to-information requests (Law 31-13).

A request is public by default, the requester's identity always hidden; `is_private`
hides the whole request from the register. The requester's name, postal address and
CIN are kept for the information officers of the body asked (scoped admin only) and
erased by the personal-data anonymiser; the CIN is also kept as a keyed HMAC
(`cin_hash`) so that staff can spot repeated requests without reading the number.

Status changes only through transparency/ati/services.py.
"""

import datetime
import hashlib
import hmac
import mimetypes

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import TimeStampedModel

__all__ = [
    "RefusalGround",
    "InformationRequest",
    "RequestAnswer",
    "AnswerAttachment",
    "RequestAppeal",
    "cin_hash",
    "mask_cin",
]

# Law 31-13 deadlines, in working days (urgent: to protect a person's life, safety or freedom).
ANSWER_DAYS = 20
EXTENSION_DAYS = 20
URGENT_DAYS = 3
# Appeals: to the head within 20 working days; head's reply time is configurable in the
# law's commentary (15 working days); then the CDAI within 30 calendar days.
APPEAL_HEAD_WINDOW_DAYS = 20
HEAD_REPLY_DAYS = 15
APPEAL_CDAI_WINDOW_DAYS = 30


def cin_hash(cin: str) -> str:
    """HMAC-SHA256 of a normalised CIN with the CIN_HASH_KEY secret."""
    normalised = "".join((cin or "").split()).upper()
    if not normalised:
        return ""
    return hmac.new(settings.CIN_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def mask_cin(cin: str) -> str:
    normalised = "".join((cin or "").split()).upper()
    if len(normalised) <= 4:
        return "•" * len(normalised)
    return normalised[:2] + "•" * (len(normalised) - 4) + normalised[-2:]


class RefusalGround(models.Model):
    """One of the law's exceptions to disclosure (article 7 and others); editable by staff."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    article = models.CharField(_("article of the law"), max_length=60, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("refusal ground")
        verbose_name_plural = _("refusal grounds")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "ar")[:2]
        return (
            {"ar": self.name_ar, "fr": self.name_fr, "en": self.name_en}.get(language)
            or self.name_fr
            or self.name_ar
        )


class InformationRequestQuerySet(models.QuerySet):
    def public(self):
        """In the public register: not private."""
        return self.filter(is_private=False)

    def visible_to(self, user):
        """What a user may read: the register, plus their own requests and, for staff, their scope."""
        from ogp_portal.accounts.permissions import is_unscoped

        if is_unscoped(user):
            return self
        condition = Q(is_private=False)
        if getattr(user, "is_authenticated", False):
            condition |= Q(requester=user)
            if user.is_staff and user.administration_id:
                condition |= Q(administration_id=user.administration_id)
        return self.filter(condition)

    def open(self):
        return self.filter(status__in=InformationRequest.OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def answered(self):
        return self.filter(answered_on__isnull=False)


class InformationRequest(TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        CLARIFICATION_REQUESTED = "clarification_requested", _("clarification requested")
        IN_PROGRESS = "in_progress", _("in progress")
        EXTENDED = "extended", _("deadline extended")
        ANSWERED = "answered", _("answered")
        PARTIALLY_ANSWERED = "partially_answered", _("partially answered")
        REFUSED = "refused", _("refused")
        NOT_HELD = "not_held", _("information not held")
        TRANSFERRED = "transferred", _("transferred")
        IMPLICITLY_REFUSED = "implicitly_refused", _("implicitly refused (no answer)")
        APPEAL_HEAD = "appeal_head", _("complaint to the head of the institution")
        APPEAL_CDAI = "appeal_cdai", _("complaint to the CDAI")
        CLOSED = "closed", _("closed")

    class Channel(models.TextChoices):
        WEB = "web", _("portal")
        POST = "post", _("post")
        EMAIL = "email", _("email")
        COUNTER = "counter", _("in person, at the counter")

    class Format(models.TextChoices):
        ELECTRONIC = "electronic", _("electronic copy")
        PAPER = "paper", _("paper copy")
        CONSULTATION = "consultation", _("consultation on site")

    class Delivery(models.TextChoices):
        PORTAL = "portal", _("on the portal")
        EMAIL = "email", _("by email")
        POST = "post", _("by post")
        COLLECT = "collect", _("collected in person")

    class Urgency(models.TextChoices):
        NOT_CLAIMED = "", _("not claimed")
        PENDING = "pending", _("awaiting the officer's decision")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    # The officer still owes an answer in these states; the deadline runs.
    OPEN_STATUSES = (
        Status.SUBMITTED,
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.EXTENDED,
        Status.TRANSFERRED,
    )
    ANSWERED_STATUSES = (Status.ANSWERED, Status.PARTIALLY_ANSWERED)
    # Final answers of the body: the requester may complain to the head from these.
    OUTCOME_STATUSES = (
        Status.ANSWERED,
        Status.PARTIALLY_ANSWERED,
        Status.REFUSED,
        Status.NOT_HELD,
        Status.IMPLICITLY_REFUSED,
    )

    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    administration = models.ForeignKey(
        "directory.Administration",
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("administration"),
    )
    transferred_from = models.ForeignKey(
        "directory.Administration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("transferred from"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="information_requests",
        verbose_name=_("requester account"),
    )
    # The official model form's identity fields: for the officer only, never public.
    requester_name = models.CharField(_("first and last name"), max_length=150)
    postal_address = models.TextField(_("postal address"), blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    cin = models.CharField(
        _("CIN or residence permit number"),
        max_length=20,
        blank=True,
        help_text=_("Visible only to the information officers of the body asked."),
    )
    cin_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("information requested"))
    preferred_format = models.CharField(
        _("preferred format"), max_length=20, choices=Format.choices, default=Format.ELECTRONIC
    )
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.PORTAL
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    is_private = models.BooleanField(
        _("keep out of the public register"),
        default=False,
        help_text=_("Requests are public without the requester's identity unless this is set."),
    )

    is_urgent = models.BooleanField(_("urgent"), default=False)
    urgency_justification = models.TextField(_("why it is urgent"), blank=True)
    urgency = models.CharField(
        _("urgency decision"), max_length=20, choices=Urgency.choices, blank=True, default=""
    )
    urgency_reason = models.TextField(_("reason of the urgency decision"), blank=True)

    received_on = models.DateField(_("received on"))
    # The deadline runs from deadline_start (receipt, clarification or transfer) for deadline_days.
    deadline_start = models.DateField(_("deadline counted from"))
    deadline_days = models.PositiveSmallIntegerField(_("deadline (working days)"), default=20)
    extension_days = models.PositiveSmallIntegerField(_("extension (working days)"), default=0)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    due_date = models.DateField(_("due date"), db_index=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    # The body's answer (one of OUTCOME_STATUSES), kept while complaints change the status.
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=Status.choices, blank=True, db_index=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    refusal_ground = models.ForeignKey(
        RefusalGround,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("refusal ground"),
    )
    refusal_reason = models.TextField(_("reasons for the refusal"), blank=True)
    clarification_question = models.TextField(_("clarification asked"), blank=True)

    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="followed_information_requests",
        verbose_name=_("followers"),
    )
    # Idempotent reminders: the due date each reminder was sent for.
    reminded_5_for = models.DateField(null=True, blank=True, editable=False)
    reminded_1_for = models.DateField(null=True, blank=True, editable=False)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [models.Index(fields=["administration", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} — {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("transparency:request_detail", kwargs={"reference": self.reference})

    def set_cin(self, cin: str) -> None:
        self.cin = "".join((cin or "").split()).upper()
        self.cin_hash = cin_hash(self.cin)

    @property
    def masked_cin(self) -> str:
        return mask_cin(self.cin)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    is_overdue.boolean = True

    def deadline(self):
        """The Deadline object (with explain()) behind due_date."""
        from ogp_portal.core.deadlines import add_working_days

        return add_working_days(self.deadline_start, self.deadline_days + self.extension_days)

    def recompute_due_date(self) -> None:
        self.due_date = self.deadline().due

    @property
    def current_appeal(self):
        return self.appeals.order_by("-filed_on", "-pk").first()


def _answer_upload_to(instance, filename):
    # A random name (ogp_portal.core.uploads); the original name is kept in the name field.
    from transparency.ati.uploads import storage_name

    return storage_name(filename, getattr(instance, "content_type", ""))


class RequestAnswer(TimeStampedModel):
    class Kind(models.TextChoices):
        FULL = "full", _("full answer")
        PARTIAL = "partial", _("partial answer")

    request = models.ForeignKey(
        InformationRequest,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FULL)
    text = models.TextField(_("answer"))
    redaction_note = models.TextField(_("what was redacted or withheld, and why"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    sent_on = models.DateField(_("sent on"), default=datetime.date.today)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.request.reference} ({self.get_kind_display()})"


class AnswerAttachment(TimeStampedModel):
    answer = models.ForeignKey(
        RequestAnswer,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("answer"),
    )
    file = models.FileField(_("file"), upload_to=_answer_upload_to, max_length=255)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "transparency:request_attachment",
            kwargs={"reference": self.answer.request.reference, "pk": self.pk},
        )

    @property
    def extension(self) -> str:
        return (mimetypes.guess_extension(self.content_type) or "").lstrip(".").upper()


class RequestAppeal(TimeStampedModel):
    """A complaint to the head of the institution, then to the CDAI."""

    class Level(models.TextChoices):
        HEAD = "head", _("head of the institution")
        CDAI = "cdai", _("CDAI (access-to-information commission)")

    class Outcome(models.TextChoices):
        PENDING = "", _("pending")
        UPHELD = "upheld", _("upheld: the information must be given")
        PARTLY_UPHELD = "partly_upheld", _("partly upheld")
        DISMISSED = "dismissed", _("dismissed")

    request = models.ForeignKey(
        InformationRequest,
        on_delete=models.CASCADE,
        related_name="appeals",
        verbose_name=_("request"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    grounds = models.TextField(_("grounds of the complaint"))
    filed_on = models.DateField(_("filed on"))
    reply_due = models.DateField(_("reply due"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = _("complaint (appeal)")
        verbose_name_plural = _("complaints (appeals)")

    def __str__(self) -> str:
        return f"{self.request.reference} — {self.get_level_display()}"

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)
