"""Withdrawal by the agent (until filing) and removal by moderators (410 Gone)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogp_portal.core.models import Notification, TimelineEvent
from petitions import services
from petitions.models import Petition, Signature

from .conftest import draft


def opted_in_signer(petition, province):
    signature = services.sign(
        petition,
        full_name="Nadia S",
        email="nadia@example.test",
        cin="NN123456",
        region=province.region,
        province=province,
        notify_progress=True,
    )
    services.confirm_signature(signature)
    return signature


def test_the_agent_withdraws_a_collecting_petition_with_a_reason(
    client_for, citizen, national_petition, provinces
):
    opted_in_signer(national_petition, provinces[0])
    client = client_for(citizen)
    url = f"/fr/petitions/{national_petition.reference}/withdraw/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Le gouvernement a déjà répondu à notre demande."})
    assert response.status_code == 302
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.WITHDRAWN
    assert national_petition.withdrawn_at and national_petition.closed_at
    event = TimelineEvent.objects.get(kind="withdrawn", object_id=str(national_petition.pk))
    assert event.is_public and event.from_status == "collecting"
    sent = Notification.objects.filter(template="petitions/withdrawn")
    assert "nadia@example.test" in set(sent.values_list("address", flat=True))
    assert sent.filter(recipient=citizen).exists()
    client.logout()
    page = client.get(f"/fr/petitions/{national_petition.reference}/")
    assert page.status_code == 200
    assert "Le gouvernement a déjà répondu" in page.content.decode()
    assert client.get(f"/fr/petitions/{national_petition.reference}/sign/").status_code == 302


def test_a_withdrawal_needs_a_reason(client_for, citizen, national_petition):
    response = client_for(citizen).post(
        f"/fr/petitions/{national_petition.reference}/withdraw/", {"reason": " "}
    )
    assert response.status_code == 200
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.COLLECTING
    with pytest.raises(ValidationError):
        services.withdraw(national_petition, actor=citizen, reason="")


def test_only_the_agent_withdraws(client_for, moderator, national_petition):
    assert (
        client_for(moderator)
        .get(f"/fr/petitions/{national_petition.reference}/withdraw/")
        .status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        services.withdraw(national_petition, actor=moderator, reason="x")


def test_a_filed_petition_can_no_longer_be_withdrawn(citizen, national_petition):
    services.mark_goal_reached(national_petition)
    petition = services.file_petition(Petition.objects.get(pk=national_petition.pk), actor=citizen)
    with pytest.raises(services.TransitionError):
        services.withdraw(petition, actor=citizen, reason="Trop tard")


def test_a_withdrawn_draft_stays_private(client, citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    services.withdraw(petition, actor=citizen, reason="Erreur")
    petition.refresh_from_db()
    assert petition.status == Petition.Status.WITHDRAWN and not petition.is_public
    assert client.get(f"/fr/petitions/{petition.reference}/").status_code == 404
    assert not TimelineEvent.objects.get(kind="withdrawn").is_public


def test_a_moderator_removes_a_petition_and_its_pages_answer_410(
    client_for, client, moderator, citizen, national_petition, provinces
):
    opted_in_signer(national_petition, provinces[0])
    staff = client_for(moderator)
    url = f"/fr/petitions/{national_petition.reference}/remove/"
    assert staff.get(url).status_code == 200
    response = staff.post(
        url, {"reason": "offensive", "note": "Propos injurieux envers un groupe."}
    )
    assert response.status_code == 302
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.REMOVED
    assert national_petition.removal_reason == "offensive" and national_petition.removed_at
    staff.logout()
    for path in ("", "sign/"):
        gone = client.get(f"/en/petitions/{national_petition.reference}/{path}")
        assert gone.status_code == 410
        text = gone.content.decode()
        assert "This petition was removed" in text and "Offensive" in text
        assert national_petition.title not in text
        assert "Propos injurieux" not in text  # the explanation goes to the committee only
    assert client.get(f"/fr/petitions/{national_petition.reference}/count.json").status_code == 410
    assert national_petition.title not in client.get("/fr/petitions/").content.decode()
    assert client.get(f"/api/v1/petitions/{national_petition.reference}/").status_code == 404
    mail = Notification.objects.get(template="petitions/removed", recipient=citizen)
    assert mail.context["note"] == "Propos injurieux envers un groupe."
    assert not Notification.objects.filter(
        template="petitions/removed", address="nadia@example.test"
    ).exists()
    event = TimelineEvent.objects.get(kind="removed")
    assert not event.is_public and event.actor == moderator


def test_removal_needs_a_coded_reason_and_a_text(client_for, moderator, national_petition):
    staff = client_for(moderator)
    url = f"/fr/petitions/{national_petition.reference}/remove/"
    assert staff.post(url, {"reason": "made-up", "note": "x"}).status_code == 200
    assert staff.post(url, {"reason": "offensive", "note": ""}).status_code == 200
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.COLLECTING
    with pytest.raises(ValidationError):
        services.remove(national_petition, actor=moderator, reason="offensive", note=" ")


def test_only_moderators_remove(client_for, client, citizen, reviewer, national_petition):
    url = f"/fr/petitions/{national_petition.reference}/remove/"
    assert client_for(citizen).get(url).status_code == 404
    assert client_for(reviewer).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.remove(national_petition, actor=citizen, reason="offensive", note="x")


def test_an_unpublished_petition_cannot_be_removed(moderator, citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    with pytest.raises(services.TransitionError):
        services.remove(petition, actor=moderator, reason="offensive", note="x")


def test_removed_signer_data_is_erased_on_schedule(
    moderator, national_petition, provinces, settings
):
    import datetime

    from django.utils import timezone

    opted_in_signer(national_petition, provinces[0])
    services.remove(national_petition, actor=moderator, reason="manipulation", note="Fraude")
    settings.PETITIONS_ERASE_SIGNERS_AFTER_DAYS = 30
    assert services.erase_due_signer_data(now=timezone.now() + datetime.timedelta(days=31)) == 1
    assert Signature.objects.get().email == ""
