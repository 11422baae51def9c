import datetime

from django.utils import timezone

from petitions import counting, services
from petitions.models import Petition, Signature, ThresholdRule

from .conftest import draft, form_committee, published


def change_url(petition):
    return f"/fr/admin/petitions/petition/{petition.pk}/change/"


def test_a_reviewer_sees_only_petitions_addressed_to_their_administration(
    client_for, reviewer_b, national_petition, regional_petition
):
    client = client_for(reviewer_b)
    assert client.get(change_url(regional_petition)).status_code == 200
    assert client.get(change_url(national_petition)).status_code == 404
    listing = client.get("/fr/admin/petitions/petition/").content.decode()
    assert regional_petition.reference in listing and national_petition.reference not in listing


def test_a_reviewer_rules_and_answers_through_admin_actions(
    client_for, reviewer, citizen, national_petition
):
    services.mark_goal_reached(national_petition)
    services.file_petition(Petition.objects.get(pk=national_petition.pk), actor=citizen)
    client = client_for(reviewer)
    for action in ("start_review", "admissible"):
        client.post(
            "/fr/admin/petitions/petition/",
            {"action": action, "_selected_action": [national_petition.pk]},
        )
    Petition.objects.filter(pk=national_petition.pk).update(
        response_text="Réponse du gouvernement."
    )
    client.post(
        "/fr/admin/petitions/petition/",
        {"action": "publish_response", "_selected_action": [national_petition.pk]},
    )
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.ANSWERED
    page = client.get(f"/fr/petitions/{national_petition.reference}/").content.decode()
    assert "Réponse du gouvernement." in page


def test_a_reviewer_action_on_another_authority_s_petition_does_nothing(
    client_for, reviewer_b, citizen, national_petition
):
    services.mark_goal_reached(national_petition)
    services.file_petition(Petition.objects.get(pk=national_petition.pk), actor=citizen)
    client_for(reviewer_b).post(
        "/fr/admin/petitions/petition/",
        {"action": "start_review", "_selected_action": [national_petition.pk]},
    )
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.FILED


def test_a_moderator_publishes_and_rejects_in_the_admin(
    client_for, moderator, citizen, head_of_government
):
    first, second = (
        draft(citizen, head_of_government),
        draft(citizen, head_of_government, title="Autre"),
    )
    for petition in (first, second):
        form_committee(petition, citizen)
        services.submit_for_moderation(petition, actor=citizen)
    client = client_for(moderator)
    client.post(
        "/fr/admin/petitions/petition/", {"action": "publish", "_selected_action": [first.pk]}
    )
    client.post(
        "/fr/admin/petitions/petition/",
        {"action": "reject_offensive", "_selected_action": [second.pk]},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Petition.Status.COLLECTING
    assert second.status == Petition.Status.REJECTED and second.rejection_reason == "offensive"


def test_only_ogp_staff_change_the_thresholds(client_for, ogp_staff, moderator):
    rule = ThresholdRule.objects.first()
    url = f"/fr/admin/petitions/thresholdrule/{rule.pk}/change/"
    form = {
        "level": rule.level,
        "min_population": rule.min_population,
        "max_population": rule.max_population or "",
        "required_signatures": 600,
        "min_share_per_province": 5,
        "decision_days": 60,
        "legal_basis": "",
    }
    assert client_for(moderator).post(url, form).status_code == 403
    rule.refresh_from_db()
    assert rule.required_signatures != 600
    assert client_for(ogp_staff).post(url, form).status_code == 302
    rule.refresh_from_db()
    assert rule.required_signatures == 600


def test_api_detail_gives_counts_by_region_and_province(client, regional_petition, provinces):
    at = timezone.now() - datetime.timedelta(minutes=2)
    for i, province in enumerate(provinces[:2]):
        services.sign(
            regional_petition,
            full_name="A B",
            email=f"s{i}@example.test",
            cin=f"AB00000{i}",
            region=province.region,
            province=province,
        )
    Signature.objects.update(confirmed_at=at)
    counting.count_new_signatures()
    data = client.get(f"/api/v1/petitions/{regional_petition.reference}/").json()
    assert data["signatures"] == 2
    assert data["signatures_by_region"] == {"04": 2}
    assert data["signatures_by_province"] == {"04.1": 1, "04.2": 1}
    assert data["missing_by_province"]["04.3"] == 25
    listing = client.get("/api/v1/petitions/", {"kind": "local_petition"}).json()
    assert [p["reference"] for p in listing["results"]] == [regional_petition.reference]
    count = client.get(f"/api/v1/petitions/{regional_petition.reference}/count/").json()
    assert count["signatures"] == 2 and count["required"] == 500


def test_api_hides_drafts(client, citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    assert client.get(f"/api/v1/petitions/{petition.reference}/").status_code == 404


def test_api_bad_filter_answers_400(client, national_petition):
    assert client.get("/api/v1/petitions/", {"status": "nope"}).status_code == 400


def test_public_export_has_counts_and_nothing_personal(national_petition, provinces):
    from ogp_portal.core.registry import public_exports

    services.sign(
        national_petition,
        full_name="Khadija Bennani",
        email="k@example.test",
        cin="QQ111111",
        region=provinces[0].region,
        province=provinces[0],
    )
    Signature.objects.update(confirmed_at=timezone.now() - datetime.timedelta(minutes=2))
    counting.count_new_signatures()
    export = next(e for e in public_exports() if e.key == "petitions-signature-counts")
    headers, rows = export.build()
    assert rows == [
        [
            national_petition.reference,
            "national_petition",
            "collecting",
            "chef-du-gouvernement",
            national_petition.title,
            1,
            4000,
            "04",
            1,
        ]
    ]
    assert "Bennani" not in str(rows)


def test_personal_data_export_and_anonymisation(
    citizen, national_petition, provinces, civil_servant_a
):
    from petitions import data

    services.sign(
        national_petition,
        user=civil_servant_a,
        cin="AB123456",
        region=provinces[0].region,
        province=provinces[0],
    )
    exported = data.export_personal_data(civil_servant_a)
    assert exported["signatures"][0]["petition"] == national_petition.reference
    assert national_petition.reference in data.export_personal_data(citizen)["petitions_drafted"]
    data.anonymise(civil_servant_a)
    signature = Signature.objects.get()
    assert signature.user is None and signature.email == "" and signature.full_name == ""
    assert signature.confirmed_at  # still counts


def test_signer_data_is_erased_a_set_time_after_closing(national_petition, provinces, settings):
    settings.PETITIONS_ERASE_SIGNERS_AFTER_DAYS = 30
    services.sign(
        national_petition,
        full_name="Khadija Bennani",
        email="k@example.test",
        cin="QQ111111",
        region=provinces[0].region,
        province=provinces[0],
        show_first_name=True,
    )
    assert services.erase_due_signer_data() == 0
    Petition.objects.filter(pk=national_petition.pk).update(
        status=Petition.Status.EXPIRED, closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert services.erase_due_signer_data() == 1
    signature = Signature.objects.get()
    assert (signature.full_name, signature.email, signature.public_first_name, signature.ip) == (
        "",
        "",
        "",
        None,
    )
    assert signature.cin_hash and signature.province_id  # counts and duplicate check remain
    assert services.erase_due_signer_data() == 0


def test_home_figures_are_real(national_petition, citizen, head_of_government, moderator):
    from petitions.stats import figures, latest

    published(citizen, head_of_government, moderator, title="Deuxième")
    values = [f.value for f in figures()]
    assert values == [2, 0, 0]
    assert len(latest(3)) == 2
