import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from petitions import counting, services
from petitions.models import Attachment, Petition, Signature

from .conftest import altcha_payload, draft


def sign_data(where, **extra):
    """A complete signing form, with a freshly solved ALTCHA challenge."""
    return {
        "altcha": altcha_payload(),
        "full_name": "Youssef Alaoui",
        "email": "youssef@example.test",
        "cin": "ab 123456",
        "region": where.region.pk,
        "province": where.pk,
        "eligible": "on",
        "show_first_name": "on",
        **extra,
    }


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_list_and_detail_pages_render(client, national_petition, lang):
    assert client.get(f"/{lang}/petitions/").status_code == 200
    response = client.get(f"/{lang}/petitions/{national_petition.reference}/")
    assert response.status_code == 200
    assert national_petition.title in response.content.decode()


def test_list_filters_and_sorts(client, national_petition, regional_petition, region):
    content = client.get("/fr/petitions/", {"kind": "local_petition"}).content.decode()
    assert regional_petition.title in content and national_petition.title not in content
    content = client.get(
        "/fr/petitions/", {"region": region.code, "sort": "most_signed"}
    ).content.decode()
    assert regional_petition.title in content
    content = client.get("/fr/petitions/", {"q": "bus provinces"}).content.decode()
    assert regional_petition.title in content and national_petition.title not in content
    assert client.get("/fr/petitions/", {"sort": "nonsense", "status": "x"}).status_code == 200


def test_drafts_are_not_public(client, citizen, head_of_government):
    petition = draft(citizen, head_of_government)
    assert client.get(f"/fr/petitions/{petition.reference}/").status_code == 404
    assert client.get(f"/fr/petitions/{petition.reference}/count.json").status_code == 404
    assert petition.title not in client.get("/fr/petitions/").content.decode()


def test_count_json_carries_a_cache_control_matching_the_interval(
    client, national_petition, settings
):
    settings.PETITIONS_COUNT_INTERVAL = 30
    response = client.get(f"/fr/petitions/{national_petition.reference}/count.json")
    assert response.json()["required"] == 4000
    assert "max-age=30" in response["Cache-Control"]


def test_a_visitor_signs_and_confirms_in_arabic(client, national_petition, provinces):
    from django.core import mail

    url = f"/ar/petitions/{national_petition.reference}/sign/"
    response = client.post(url, sign_data(provinces[0]))
    # Post/Redirect/Get: a page that says what to do next, the same for every signer.
    assert response.status_code == 303
    done = client.get(response["Location"])
    assert done.status_code == 200 and "public" in done["Cache-Control"]
    assert "youssef" not in done.content.decode().lower()
    signature = Signature.objects.get()
    assert signature.confirmed_at is None and signature.public_first_name == "Youssef"
    assert signature.language == "ar" and signature.confirmation_sent_at is None
    # The email goes out from the batch task (beat, every few seconds), in Arabic.
    assert services.send_signature_confirmations() == 1
    (message,) = mail.outbox
    assert message.to == ["youssef@example.test"]
    confirm_path = re.search(r"https?://[^/]+/(ar/petitions/confirm/\S+/)", message.body).group(1)
    assert client.get("/" + confirm_path).status_code == 200
    signature.refresh_from_db()
    assert signature.confirmed_at is None  # a GET does not confirm (mail scanners)
    client.post("/" + confirm_path)
    signature.refresh_from_db()
    assert signature.confirmed_at is not None


def test_a_duplicate_signature_re_renders_the_form_with_a_polite_message(
    client, national_petition, provinces
):
    url = f"/fr/petitions/{national_petition.reference}/sign/"
    client.post(url, sign_data(provinces[0]))
    response = client.post(url, sign_data(provinces[1], email="autre@example.test", cin="AB123456"))
    assert response.status_code == 200
    assert "déjà" in response.content.decode() or "already" in response.content.decode()
    assert Signature.objects.count() == 1


@pytest.mark.parametrize(("lang", "word"), [("fr", "obligatoire"), ("ar", "مطلوب")])
def test_bad_sign_input_re_renders_with_errors_in_the_language(
    client, national_petition, provinces, lang, word
):
    response = client.post(
        f"/{lang}/petitions/{national_petition.reference}/sign/",
        sign_data(provinces[0], cin="12", eligible="", email="not-an-email"),
    )
    assert response.status_code == 200
    assert word in response.content.decode()
    assert not Signature.objects.exists()


def test_a_province_outside_the_region_is_refused(client, national_petition, provinces):
    from tests.factories import ProvinceFactory, RegionFactory

    other = ProvinceFactory(region=RegionFactory(code="09"), code="09.1")
    data = sign_data(provinces[0], province=other.pk)
    response = client.post(f"/fr/petitions/{national_petition.reference}/sign/", data)
    assert response.status_code == 200 and not Signature.objects.exists()


def test_the_sign_form_shows_the_data_protection_notice(client, national_petition):
    content = client.get(f"/fr/petitions/{national_petition.reference}/sign/").content.decode()
    assert 'id="data-notice-title"' in content


def test_a_signed_in_user_signs_without_name_or_email_fields(
    client_for, civil_servant_a, national_petition, provinces
):
    client = client_for(civil_servant_a)
    data = sign_data(provinces[0])
    del data["full_name"], data["email"]
    client.post(f"/fr/petitions/{national_petition.reference}/sign/", data)
    assert Signature.objects.get().confirmed_at is not None


def test_public_pages_and_api_never_show_signer_identity(
    client, national_petition, provinces, civil_servant_a
):
    services.sign(
        national_petition,
        user=civil_servant_a,
        cin="ZZ987654",
        region=provinces[0].region,
        province=provinces[0],
        show_first_name=False,
    )
    services.sign(
        national_petition,
        full_name="Khadija Bennani",
        email="khadija@example.test",
        cin="QQ111111",
        region=provinces[0].region,
        province=provinces[0],
        show_first_name=True,
    )
    import datetime

    from django.utils import timezone

    Signature.objects.update(confirmed_at=timezone.now() - datetime.timedelta(minutes=5))
    counting.count_new_signatures()
    pages = [
        f"/fr/petitions/{national_petition.reference}/",
        "/fr/petitions/",
        "/fr/petitions/?format=csv",
        f"/fr/petitions/{national_petition.reference}/count.json",
        "/api/v1/petitions/",
        f"/api/v1/petitions/{national_petition.reference}/",
    ]
    for url in pages:
        content = client.get(url).content.decode()
        for secret in (
            "amine@example.test",
            "Amine Servant",
            "khadija@example.test",
            "Bennani",
            "ZZ987654",
            "QQ111111",
        ):
            assert secret not in content, (url, secret)


def test_committee_names_appear_only_with_consent(client, national_petition):
    content = client.get(f"/fr/petitions/{national_petition.reference}/").content.decode()
    assert "Membre 0" in content  # the deputy consented
    assert "Membre 1" not in content
    assert "Salma Citizen" not in content


def test_the_agent_drafts_with_an_attachment_checked_by_content(
    client_for, citizen, head_of_government
):
    client = client_for(citizen)
    data = {
        "kind": "national_petition",
        "addressee": head_of_government.pk,
        "theme": "health",
        "title": "Un centre de santé",
        "text": "Texte.",
        "memo": "Mémoire.",
        "confirms_general_interest": "on",
        "confirms_constants": "on",
        "confirms_no_court_case": "on",
        "confirms_not_discriminatory": "on",
    }
    fake = SimpleUploadedFile("note.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post("/fr/petitions/new/", {**data, "attachment": fake})
    assert response.status_code == 200 and not Petition.objects.exists()
    assert "PDF" in response.content.decode()
    pdf = SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%...", content_type="application/octet-stream")
    response = client.post("/fr/petitions/new/", {**data, "attachment": pdf})
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert Attachment.objects.get(petition=petition).content_type == "application/pdf"


def test_a_large_upload_is_refused(client_for, citizen, head_of_government, settings):
    settings.PETITIONS_MAX_UPLOAD_BYTES = 10
    client = client_for(citizen)
    pdf = SimpleUploadedFile("note.pdf", b"%PDF-1.4\n" + b"x" * 100)
    response = client.post("/ar/petitions/new/", {"kind": "national_petition", "attachment": pdf})
    assert response.status_code == 200 and not Petition.objects.exists()


def test_a_national_petition_to_a_ministry_is_refused(client_for, citizen, administration_a):
    client = client_for(citizen)
    response = client.post(
        "/fr/petitions/new/",
        {
            "kind": "national_petition",
            "addressee": administration_a.pk,
            "theme": "health",
            "title": "T",
            "text": "T",
            "memo": "M",
        },
    )
    assert response.status_code == 200 and not Petition.objects.exists()


def test_creating_requires_sign_in(client):
    assert client.get("/fr/petitions/new/").status_code == 302


def test_my_petitions_lists_drafts_and_committees(
    client_for, citizen, national_petition, head_of_government
):
    mine = draft(citizen, head_of_government, title="Mon brouillon")
    content = client_for(citizen).get(reverse("petitions:mine")).content.decode()
    assert mine.title in content and national_petition.title in content


def test_the_agent_files_a_petition_that_reached_its_goal(client_for, citizen, national_petition):
    services.mark_goal_reached(national_petition)
    client_for(citizen).post(f"/fr/petitions/{national_petition.reference}/file/")
    national_petition.refresh_from_db()
    assert national_petition.status == Petition.Status.FILED


def test_invitation_link_lets_the_invitee_join(client_for, citizen, head_of_government):
    from petitions import identity
    from tests.factories import verified_user

    petition = draft(citizen, head_of_government)
    member = services.invite_member(petition, actor=citizen, email="nadia@example.test")
    nadia = verified_user(email="nadia@example.test")
    token = identity.make_token(member.pk, identity.INVITATION_SALT)
    client = client_for(nadia)
    assert client.get(f"/fr/petitions/invitation/{token}/").status_code == 200
    client.post(f"/fr/petitions/invitation/{token}/", {"show_name": "on"})
    member.refresh_from_db()
    assert member.accepted_at and member.show_name
    assert client.get("/fr/petitions/invitation/garbage/").status_code == 400


def test_signing_is_rate_limited_per_ip(client, national_petition, provinces, settings):
    settings.PETITIONS_SIGN_RATE_BURST = "2/m"
    url = f"/fr/petitions/{national_petition.reference}/sign/"
    for i in range(3):
        response = client.post(
            url, sign_data(provinces[0], cin=f"AB00000{i}", email=f"p{i}@example.test")
        )
    assert Signature.objects.count() == 2
    assert response.status_code == 429 and "alert-danger" in response.content.decode()
