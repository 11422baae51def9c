"""Paper signatures (recorded by the agent, verified by the addressee's reviewer) and
association petitions at local level."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ogp_portal.core.models import Notification, TimelineEvent
from petitions import counting, eligibility, services, thresholds
from petitions.models import (
    PaperBatch,
    Petition,
    PetitionAssociation,
    PetitionCount,
    PetitionProvinceCount,
    PetitionRegionCount,
)
from tests.factories import ProvinceFactory, RegionFactory

from .conftest import published
from .test_signing_and_counting import confirmed_now


def pdf(name="feuilles.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%scan", content_type="application/pdf")


def record(client, petition, counts, files=None, **extra):
    data = {f"province_{p.pk}": n for p, n in counts.items()}
    data["scans"] = files if files is not None else [pdf()]
    return client.post(f"/fr/petitions/{petition.reference}/paper/", {**data, **extra})


# --- paper signatures ---------------------------------------------------------------------


def test_the_agent_records_a_batch_that_counts_only_once_verified(
    client_for, citizen, regional_petition, provinces
):
    client = client_for(citizen)
    page = client.get(f"/fr/petitions/{regional_petition.reference}/paper/").content.decode()
    assert all(f'name="province_{p.pk}"' in page for p in provinces)
    response = record(client, regional_petition, {provinces[0]: 40, provinces[1]: 12})
    assert response.status_code == 302
    batch = PaperBatch.objects.get()
    assert batch.status == PaperBatch.Status.PENDING and batch.total == 52
    assert dict(batch.lines.values_list("province_id", "count")) == {
        provinces[0].pk: 40,
        provinces[1].pk: 12,
    }
    assert batch.scans.get().content_type == "application/pdf"
    assert TimelineEvent.objects.filter(kind="paper_batch_recorded").exists()
    assert PetitionCount.objects.get(pk=regional_petition.pk).confirmed == 0


@pytest.mark.parametrize(
    ("files", "settings_bytes"),
    [
        ([SimpleUploadedFile("x.pdf", b"MZ\x90 not a pdf")], None),
        ([pdf()], 5),
        ([], None),
    ],
)
def test_scans_are_checked_for_type_and_size(
    client_for, citizen, regional_petition, provinces, settings, files, settings_bytes
):
    if settings_bytes:
        settings.PETITIONS_MAX_UPLOAD_BYTES = settings_bytes
    response = record(client_for(citizen), regional_petition, {provinces[0]: 10}, files=files)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not PaperBatch.objects.exists()


def test_a_batch_needs_a_count(client_for, citizen, regional_petition, provinces):
    response = record(client_for(citizen), regional_petition, {provinces[0]: ""})
    assert response.status_code == 200 and not PaperBatch.objects.exists()
    response = record(client_for(citizen), regional_petition, {provinces[0]: "-3"})
    assert response.status_code == 200 and not PaperBatch.objects.exists()


def test_provinces_outside_the_territory_are_refused(citizen, regional_petition):
    elsewhere = ProvinceFactory(region=RegionFactory(code="09"), code="09.9")
    with pytest.raises(services.ValidationError):
        services.record_paper_batch(
            regional_petition, actor=citizen, counts={elsewhere: 5}, scans=[pdf()]
        )


def test_only_the_agent_records_paper_signatures(client_for, moderator, regional_petition):
    url = f"/fr/petitions/{regional_petition.reference}/paper/"
    assert client_for(moderator).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.record_paper_batch(regional_petition, actor=moderator, counts={}, scans=[])


def verify_in_admin(client, batch):
    return client.post(
        "/fr/admin/petitions/paperbatch/",
        {"action": "verify_paper", "_selected_action": [batch.pk]},
    )


def test_the_addressee_s_reviewer_verifies_and_the_counts_follow(
    client_for, citizen, reviewer, national_petition, provinces
):
    Petition.objects.filter(pk=national_petition.pk).update(required_signatures=30)
    confirmed_now(national_petition, provinces[0], 5)
    counting.count_new_signatures()
    batch = services.record_paper_batch(
        national_petition,
        actor=citizen,
        counts={provinces[0]: 10, provinces[1]: 15},
        scans=[pdf()],
    )
    verify_in_admin(client_for(reviewer), batch)
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.VERIFIED and batch.reviewed_by == reviewer
    counts = PetitionCount.objects.get(pk=national_petition.pk)
    assert (counts.confirmed, counts.paper) == (30, 25)
    assert dict(
        PetitionProvinceCount.objects.filter(petition=national_petition).values_list(
            "province_id", "confirmed"
        )
    ) == {provinces[0].pk: 15, provinces[1].pk: 15}
    assert PetitionRegionCount.objects.get(petition=national_petition).confirmed == 30
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.GOAL_REACHED
    # The nightly recount keeps them: no drift.
    assert counting.recount_all() == {}
    assert thresholds.petition_progress(national_petition, live=True).count == 30
    assert Notification.objects.filter(
        template="petitions/paper_batch_reviewed", recipient=citizen
    ).exists()
    page = client_for(citizen).get(f"/fr/petitions/{national_petition.reference}/")
    assert "25" in page.content.decode()
    assert TimelineEvent.objects.get(kind="paper_batch_verified").is_public


def test_paper_signatures_fill_the_five_percent_rule_of_a_region(
    citizen, regional_petition, provinces
):
    confirmed_now(regional_petition, provinces[0], 500)
    counting.count_new_signatures()
    regional_petition.refresh_from_db()
    assert regional_petition.status == Petition.Status.COLLECTING
    batch = services.record_paper_batch(
        regional_petition,
        actor=citizen,
        counts=dict.fromkeys(provinces[1:], 25),
        scans=[pdf()],
    )
    from tests.factories import verified_user

    council_reviewer = verified_user(
        email="council@example.test",
        is_staff=True,
        administration=regional_petition.addressee,
        roles=["petition_reviewer"],
    )
    services.verify_paper_batch(batch, actor=council_reviewer)
    regional_petition.refresh_from_db()
    assert regional_petition.status == Petition.Status.GOAL_REACHED
    assert not thresholds.petition_progress(regional_petition).missing_by_province


def test_a_reviewer_of_another_authority_cannot_verify(
    client_for, citizen, reviewer_b, national_petition, provinces
):
    batch = services.record_paper_batch(
        national_petition, actor=citizen, counts={provinces[0]: 10}, scans=[pdf()]
    )
    client = client_for(reviewer_b)
    assert client.get(f"/fr/admin/petitions/paperbatch/{batch.pk}/change/").status_code == 404
    verify_in_admin(client, batch)
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.PENDING
    with pytest.raises(PermissionDenied):
        services.verify_paper_batch(batch, actor=reviewer_b)


def test_a_batch_is_rejected_with_a_note_and_is_reviewed_once(
    citizen, reviewer, national_petition, provinces
):
    batch = services.record_paper_batch(
        national_petition, actor=citizen, counts={provinces[0]: 10}, scans=[pdf()]
    )
    with pytest.raises(services.ValidationError):
        services.reject_paper_batch(batch, actor=reviewer, note="")
    services.reject_paper_batch(batch, actor=reviewer, note="Feuilles illisibles")
    batch.refresh_from_db()
    assert batch.status == PaperBatch.Status.REJECTED
    with pytest.raises(services.TransitionError):
        services.verify_paper_batch(batch, actor=reviewer)
    assert PetitionCount.objects.get(pk=national_petition.pk).paper == 0


# --- associations --------------------------------------------------------------------------


def association_form(council, region, **extra):
    return {
        "kind": "local_petition",
        "addressee": council.pk,
        "region": region.pk,
        "theme": "transport",
        "title": "Transport scolaire",
        "text": "Texte.",
        "memo": "Mémoire.",
        "confirms_general_interest": "on",
        "confirms_constants": "on",
        "confirms_no_court_case": "on",
        "confirms_not_discriminatory": "on",
        "author_type": "association",
        "association_name": "Association Amal",
        "association_registration_number": "RSK-2015-0042",
        "association_founded_on": "2015-03-01",
        **extra,
    }


def test_an_eligible_association_authors_a_regional_petition(
    client_for, client, citizen, regional_council, region, provinces, moderator
):
    response = client_for(citizen).post(
        "/fr/petitions/new/",
        association_form(regional_council, region, association_seat_province=provinces[1].pk),
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    association = PetitionAssociation.objects.get(petition=petition)
    assert association.name == "Association Amal" and association.seat_province == provinces[1]
    from .conftest import form_committee

    form_committee(petition, citizen)
    services.submit_for_moderation(petition, actor=citizen)
    services.publish(petition, actor=moderator)
    client.logout()
    page = client.get(f"/fr/petitions/{petition.reference}/").content.decode()
    assert "Association Amal" in page and "RSK-2015-0042" in page


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"association_founded_on": "2024-01-01"}, "3"),
        ({"association_seat_province": "elsewhere"}, "territory"),
        ({"association_name": ""}, "required"),
        ({"kind": "national_petition"}, "local petition"),
    ],
)
def test_ineligible_associations_are_refused_with_a_reason(
    client_for, citizen, regional_council, head_of_government, region, provinces, extra, message
):
    elsewhere = ProvinceFactory(region=RegionFactory(code="09"), code="09.1")
    data = association_form(regional_council, region, association_seat_province=provinces[0].pk)
    data.update(extra)
    if data["association_seat_province"] == "elsewhere":
        data["association_seat_province"] = elsewhere.pk
    if data["kind"] == "national_petition":
        data["addressee"] = head_of_government.pk
    response = client_for(citizen).post("/en/petitions/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Petition.objects.exists()


def test_eligibility_rules(region, provinces, commune):
    today = datetime.date(2026, 6, 1)
    base = {
        "kind": Petition.Kind.LOCAL_PETITION,
        "region": region,
        "province": provinces[0],
        "commune": commune,
        "founded_on": datetime.date(2020, 1, 1),
        "seat_province": provinces[0],
        "today": today,
    }
    assert eligibility.association_problems(**base, seat_commune=commune) == []
    assert eligibility.association_problems(**base, seat_commune=None)  # communal: same commune
    young = {**base, "founded_on": datetime.date(2023, 6, 1)}  # exactly 3 years: not more
    assert eligibility.association_problems(**young, seat_commune=commune)
    older = {**base, "founded_on": datetime.date(2023, 5, 31)}
    assert eligibility.association_problems(**older, seat_commune=commune) == []
    assert eligibility.years_before(datetime.date(2024, 2, 29), 3) == datetime.date(2021, 2, 28)


def test_an_association_that_becomes_ineligible_blocks_submission(
    citizen, regional_council, region, provinces
):
    from .conftest import CONFIRMATIONS

    petition = services.create_draft(
        actor=citizen,
        kind=Petition.Kind.LOCAL_PETITION,
        addressee=regional_council,
        region=region,
        theme="transport",
        title="T",
        text="T",
        memo="M",
        association={
            "name": "A",
            "registration_number": "1",
            "founded_on": timezone.localdate() - datetime.timedelta(days=4 * 366),
            "seat_province": provinces[0],
            "seat_commune": None,
        },
        **CONFIRMATIONS,
    )
    PetitionAssociation.objects.filter(petition=petition).update(founded_on=timezone.localdate())
    petition = Petition.objects.get(pk=petition.pk)
    assert any("3" in p for p in services.committee_problems(petition))


def test_published_association_petition_keeps_working_with_the_rest(
    citizen, regional_council, region, provinces, moderator
):
    petition = published(
        citizen,
        regional_council,
        moderator,
        kind=Petition.Kind.LOCAL_PETITION,
        region=region,
        theme="transport",
    )
    assert petition.association_author is None
