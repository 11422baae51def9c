"""Every state change of the co-evaluation.

Each service takes a keyword-only `actor`, checks the right (PermissionDenied) and the rule
(ValidationError, messages in the active language), saves, records a timeline event in the
same transaction and queues notifications (sent after commit by core.notifications).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ogp_portal.accounts.roles import CIVIL_SERVANT, OGP_STAFF
from ogp_portal.core import moderation, timeline
from ogp_portal.core.notifications import notify
from transparency import actors
from transparency.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentReply,
    AssessmentWindow,
    Commitment,
    ContestedFlag,
    IrmRating,
    Organisation,
    OrganisationMembership,
)

from . import permissions
from .aggregates import commitment_views, scale_levels
from .events import contested_note
from .uploads import MAX_FILES, MAX_LINKS, validate_evidence_file

NOTIFY_PREFIX = "transparency/coeval/"
JUSTIFICATION_MIN = 30
JUSTIFICATION_MAX = 3000
REPLY_MAX = 5000


def _role(user) -> str:
    """A code (transparency/actors.py): OGP staff, else the user's administration."""
    return actors.role_of(user)


def _ogp_staff():
    return get_user_model().objects.filter(groups__name=OGP_STAFF, is_active=True).distinct()


def _civil_servants_of(administration_id):
    return (
        get_user_model()
        .objects.filter(
            administration_id=administration_id,
            groups__name=CIVIL_SERVANT,
            is_active=True,
            is_staff=True,
        )
        .distinct()
    )


def _page_url(commitment, window=None) -> str:
    """The assessments page without a language prefix (the recipient's language is chosen
    by LocaleMiddleware when they open the link)."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        url = reverse(
            "transparency:coeval_commitment",
            kwargs={"slug": commitment.plan.slug, "number": commitment.number},
        ).removeprefix(f"/{settings.LANGUAGE_CODE}")
    return f"{url}?window={window.pk}" if window else url


# --- Assessments -------------------------------------------------------------------------


def _clean_links(links) -> list[str]:
    validator = URLValidator(schemes=["http", "https"])
    cleaned = []
    for link in links or []:
        link = (link or "").strip()
        if not link:
            continue
        if len(link) > 500:
            raise ValidationError({"links": _("A link is longer than 500 characters.")})
        try:
            validator(link)
        except ValidationError:
            raise ValidationError(
                {"links": _("“%(link)s” is not a web address (http or https).") % {"link": link}}
            ) from None
        if link not in cleaned:
            cleaned.append(link)
    if len(cleaned) > MAX_LINKS:
        raise ValidationError({"links": _("At most %(count)d links.") % {"count": MAX_LINKS}})
    return cleaned


def _check_assessment(
    commitment,
    *,
    actor,
    window,
    completion,
    early_results,
    justification,
    name_display,
    organisation,
    files,
    existing_files=0,
) -> dict:
    if not permissions.can_assess(actor):
        raise PermissionDenied
    if not commitment.plan.is_public:
        raise ValidationError(_("This plan is not public."))
    if window is None or window.plan_id != commitment.plan_id:
        raise ValidationError(_("There is no assessment window for this plan."))
    if not window.is_open():
        raise ValidationError(
            _("The assessment window is closed: assessments can no longer be written or changed.")
        )
    errors = {}
    if completion is None or completion.scale != IrmRating.Scale.COMPLETION:
        errors["completion"] = _("Choose a level of completion.")
    if early_results is None or early_results.scale != IrmRating.Scale.EARLY_RESULTS:
        errors["early_results"] = _("Say whether it opened government.")
    justification = (justification or "").strip()
    if len(justification) < JUSTIFICATION_MIN:
        errors["justification"] = _("Explain your assessment in at least %(count)d characters.") % {
            "count": JUSTIFICATION_MIN
        }
    elif len(justification) > JUSTIFICATION_MAX:
        errors["justification"] = _("At most %(count)d characters.") % {"count": JUSTIFICATION_MAX}
    if name_display not in Assessment.NameDisplay.values:
        errors["name_display"] = _("Choose how your name is shown.")
    if organisation is not None and not permissions.can_speak_for(actor, organisation):
        errors["organisation"] = _("You can only speak for an organisation OGP staff verified.")
    files = list(files or [])
    if existing_files + len(files) > MAX_FILES:
        errors["files"] = _("At most %(count)d files per assessment.") % {"count": MAX_FILES}
    else:
        file_errors = []
        for upload in files:
            try:
                upload.coeval_content_type = validate_evidence_file(upload)
            except ValidationError as exc:
                file_errors.extend(exc.messages)
        if file_errors:
            errors["files"] = file_errors
    if errors:
        raise ValidationError(errors)
    return {"justification": justification, "files": files}


def _check_organisation_once(commitment, window, organisation, *, exclude=None) -> None:
    """One assessment per organisation per commitment per window: another member who wants
    to speak for it is told who can change the organisation's assessment."""
    if organisation is None:
        return
    others = Assessment.objects.filter(
        window=window, commitment=commitment, organisation=organisation
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError(
            {
                "organisation": _(
                    "%(organisation)s has already assessed this commitment in this window. "
                    "Only the member who submitted that assessment can edit it; you can "
                    "still assess it in your own name."
                )
                % {"organisation": organisation.name}
            },
            code="organisation_duplicate",
        )


def _add_evidence(assessment, links, files) -> None:
    for link in links:
        AssessmentEvidence.objects.create(assessment=assessment, url=link)
    for upload in files:
        AssessmentEvidence.objects.create(
            assessment=assessment,
            file=upload,
            content_type=getattr(upload, "coeval_content_type", ""),
            size=upload.size,
        )


@transaction.atomic
def submit_assessment(
    commitment: Commitment,
    *,
    actor,
    window: AssessmentWindow,
    completion: IrmRating,
    early_results: IrmRating,
    justification: str,
    name_display: str = Assessment.NameDisplay.INITIALS,
    organisation: Organisation | None = None,
    links=(),
    files=(),
) -> Assessment:
    """A person's assessment of a commitment in an open window: one per person per window."""
    checked = _check_assessment(
        commitment,
        actor=actor,
        window=window,
        completion=completion,
        early_results=early_results,
        justification=justification,
        name_display=name_display,
        organisation=organisation,
        files=files,
    )
    links = _clean_links(links)
    already = _("You have already assessed this commitment in this window: edit your assessment.")
    if Assessment.objects.filter(window=window, commitment=commitment, author=actor).exists():
        raise ValidationError(already, code="duplicate")
    _check_organisation_once(commitment, window, organisation)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                window=window,
                commitment=commitment,
                author=actor,
                completion=completion,
                early_results=early_results,
                justification=checked["justification"],
                name_display=name_display,
                organisation=organisation,
            )
    except IntegrityError:  # a double submit (or another member) racing the checks above
        _check_organisation_once(commitment, window, organisation)
        raise ValidationError(already, code="duplicate") from None
    _add_evidence(assessment, links, checked["files"])
    timeline.record(
        assessment,
        "assessment_submitted",
        actor=actor,
        to_status=completion.code,
        public=False,
    )
    check_contested(commitment, window)
    return assessment


@transaction.atomic
def update_assessment(
    assessment: Assessment,
    *,
    actor,
    completion: IrmRating,
    early_results: IrmRating,
    justification: str,
    name_display: str,
    organisation: Organisation | None = None,
    links=None,
    files=(),
    remove_files: bool = False,
) -> Assessment:
    """The author changes their assessment while its window is open.

    links: the new full list (None keeps the current links); files are added, unless
    remove_files, which first removes the current ones.
    """
    if not permissions.can_assess(actor) or assessment.author_id != actor.pk:
        raise PermissionDenied
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_hidden:
        raise ValidationError(_("The moderators hid this assessment: it can no longer be changed."))
    current_files = assessment.evidence.exclude(file="")
    checked = _check_assessment(
        assessment.commitment,
        actor=actor,
        window=assessment.window,
        completion=completion,
        early_results=early_results,
        justification=justification,
        name_display=name_display,
        organisation=organisation,
        files=files,
        existing_files=0 if remove_files else current_files.count(),
    )
    new_links = None if links is None else _clean_links(links)
    _check_organisation_once(
        assessment.commitment, assessment.window, organisation, exclude=assessment
    )
    previous = assessment.completion.code
    assessment.completion = completion
    assessment.early_results = early_results
    assessment.justification = checked["justification"]
    assessment.name_display = name_display
    assessment.organisation = organisation
    try:
        with transaction.atomic():
            assessment.save(
                update_fields=[
                    "completion",
                    "early_results",
                    "justification",
                    "name_display",
                    "organisation",
                    "updated_at",
                ]
            )
    except IntegrityError:  # another member of the organisation was quicker
        _check_organisation_once(
            assessment.commitment, assessment.window, organisation, exclude=assessment
        )
        raise
    if remove_files:
        for evidence in current_files:
            evidence.file.delete(save=False)
            evidence.delete()
    if new_links is not None:
        assessment.evidence.filter(file="").delete()
    _add_evidence(assessment, new_links or [], checked["files"])
    timeline.record(
        assessment,
        "assessment_updated",
        actor=actor,
        from_status=previous,
        to_status=completion.code,
        public=False,
    )
    check_contested(assessment.commitment, assessment.window)
    return assessment


def report_assessment(assessment: Assessment, *, reporter, reason: str, text: str = ""):
    """Report an assessment; core.moderation hides it after the threshold."""
    return moderation.report(assessment, reporter=reporter, reason=reason, text=text)


# --- Contested commitments and the lead administration's reply -------------------------


def check_contested(commitment: Commitment, window: AssessmentWindow) -> ContestedFlag | None:
    """Flag the commitment the first time the rule holds in this window, and invite the lead
    administration's civil servants to reply. Called inside the services' transactions."""
    views = commitment_views(commitment, window)
    if not views.contested:
        return None
    flag, created = ContestedFlag.objects.get_or_create(
        window=window,
        commitment=commitment,
        defaults={
            "official_step": views.official_step,
            "official_progress": views.official_progress,
            "public_median": views.completion.median,
            "count": views.count,
        },
    )
    if not created:
        return flag
    record_contested(flag)
    for servant in _civil_servants_of(commitment.lead_administration_id):
        notify(
            servant,
            NOTIFY_PREFIX + "contested",
            {
                "commitment": str(commitment),
                "window": window.label,
                "progress": (
                    int(views.official_progress)
                    if float(views.official_progress).is_integer()
                    else views.official_progress
                ),
                "count": views.count,
                "url": _page_url(commitment, window) + "#reply",
            },
        )
    return flag


def record_contested(flag: ContestedFlag):
    """The public event of the commitment's history saying when the public view and the
    official account parted (once per flag). Its note is written again from the flag in each
    reader's language (transparency/coeval/events.py); the stored one is for the admin."""
    if flag.event_id:
        return flag.event
    event = timeline.record(
        flag.commitment,
        "assessment_contested",
        public=True,
        note=contested_note(flag, scale_levels(IrmRating.Scale.COMPLETION)),
    )
    ContestedFlag.objects.filter(pk=flag.pk).update(event=event)
    flag.event = event
    return event


@transaction.atomic
def reply_to_assessments(
    commitment: Commitment, *, actor, window: AssessmentWindow, text: str
) -> AssessmentReply:
    """The lead administration's public reply (one per window; writing again replaces it)."""
    if not permissions.can_reply(actor, commitment):
        raise PermissionDenied
    if window is None or window.plan_id != commitment.plan_id or not window.has_started():
        raise ValidationError(_("There is no assessment window to reply to."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write your reply.")})
    if len(text) > REPLY_MAX:
        raise ValidationError({"text": _("At most %(count)d characters.") % {"count": REPLY_MAX}})
    reply = (
        AssessmentReply.objects.select_for_update()
        .filter(window=window, commitment=commitment)
        .first()
    )
    kind = "assessment_reply_updated" if reply else "assessment_replied"
    if reply is None:
        reply = AssessmentReply.objects.create(
            window=window,
            commitment=commitment,
            administration=commitment.lead_administration,
            author=actor,
            text=text,
        )
    else:
        reply.text, reply.author = text, actor
        reply.save(update_fields=["text", "author", "updated_at"])
    timeline.record(
        commitment, kind, actor=actor, actor_role=_role(actor), note=text[:500], public=True
    )
    return reply


# --- Organisations ----------------------------------------------------------------------


def _normalise_number(value: str) -> str:
    return " ".join((value or "").split()).upper()


@transaction.atomic
def request_organisation(
    *, actor, name: str, registration_number: str, website: str = "", role: str
) -> OrganisationMembership:
    """Ask to speak for an association or network; OGP staff verify it."""
    if not permissions.can_request_organisation(actor):
        raise PermissionDenied
    name, role, website = (name or "").strip(), (role or "").strip(), (website or "").strip()
    number = _normalise_number(registration_number)
    errors = {}
    if not name:
        errors["name"] = _("Give the organisation's name.")
    if not number:
        errors["registration_number"] = _("Give the registration number.")
    if not role:
        errors["role"] = _("Say what your role in the organisation is.")
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors["website"] = _("Enter a web address (http or https).")
    if errors:
        raise ValidationError(errors)
    organisation, _created = Organisation.objects.get_or_create(
        registration_number=number, defaults={"name": name, "website": website}
    )
    membership = (
        OrganisationMembership.objects.select_for_update()
        .filter(organisation=organisation, user=actor)
        .first()
    )
    if membership is not None and membership.status != OrganisationMembership.Status.REJECTED:
        raise ValidationError(_("You have already asked to speak for this organisation."))
    previous = membership.status if membership else ""
    if membership is None:
        membership = OrganisationMembership.objects.create(
            organisation=organisation, user=actor, role=role
        )
    else:
        membership.role = role
        membership.status = OrganisationMembership.Status.PENDING
        membership.decided_at = None
        membership.decided_by = None
        membership.decision_note = ""
        membership.save(
            update_fields=[
                "role",
                "status",
                "decided_at",
                "decided_by",
                "decision_note",
                "updated_at",
            ]
        )
    timeline.record(
        membership,
        "organisation_requested",
        actor=actor,
        from_status=previous,
        to_status=membership.status,
        public=False,
    )
    for staff in _ogp_staff():
        notify(
            staff,
            NOTIFY_PREFIX + "organisation_requested",
            {
                "organisation": organisation.name,
                "url": f"/admin/transparency/organisationmembership/{membership.pk}/change/",
            },
        )
    return membership


def _decide_membership(membership, *, actor, status, note, allowed_from):
    if not permissions.can_verify_organisations(actor):
        raise PermissionDenied
    membership = OrganisationMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in allowed_from:
        raise ValidationError(_("This request has already been decided."))
    previous = membership.status
    membership.status = status
    membership.decision_note = note
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.save(
        update_fields=["status", "decision_note", "decided_by", "decided_at", "updated_at"]
    )
    timeline.record(
        membership,
        f"organisation_{status}",
        actor=actor,
        actor_role=_role(actor),
        from_status=previous,
        to_status=status,
        note=note,
        public=False,
    )
    notify(
        membership.user,
        NOTIFY_PREFIX + "organisation_decided",
        {
            "organisation": membership.organisation.name,
            "verified": status == OrganisationMembership.Status.VERIFIED,
            "note": note,
            "url": "/transparency/organisations/",
        },
    )
    return membership


@transaction.atomic
def verify_membership(membership, *, actor, note: str = "") -> OrganisationMembership:
    """OGP staff confirm the person speaks for the organisation."""
    return _decide_membership(
        membership,
        actor=actor,
        status=OrganisationMembership.Status.VERIFIED,
        note=(note or "").strip(),
        allowed_from=(OrganisationMembership.Status.PENDING,),
    )


@transaction.atomic
def reject_membership(membership, *, actor, reason: str) -> OrganisationMembership:
    """Refuse a request, or withdraw a verification; the reason is required. A withdrawn
    person's assessments stop counting as the organisation's."""
    reason = (reason or "").strip()
    if not reason:
        if not permissions.can_verify_organisations(actor):
            raise PermissionDenied
        raise ValidationError({"decision_note": _("Say why the request is rejected.")})
    membership = _decide_membership(
        membership,
        actor=actor,
        status=OrganisationMembership.Status.REJECTED,
        note=reason,
        allowed_from=(
            OrganisationMembership.Status.PENDING,
            OrganisationMembership.Status.VERIFIED,
        ),
    )
    Assessment.objects.filter(author=membership.user, organisation=membership.organisation).update(
        organisation=None
    )
    return membership
