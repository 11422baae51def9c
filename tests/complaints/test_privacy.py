"""No complainant's name, email or phone on any public page, export or API answer."""

import pytest
from django.urls import reverse
from django.utils import translation

from complaints import analytics, services
from ogp_portal.accounts.services import export_personal_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.complaints.urls")]

NAME, EMAIL, PHONE = "Rachida Secret", "rachida.secret@example.test", "+212677788899"


@pytest.fixture
def many(ogp_staff, administration_a, category_a, complaints_officer_a):
    complaints = []
    for i in range(6):
        c = services.file_complaint(
            subject=f"Sujet privé {i}",
            description="Texte privé",
            contact_name=NAME,
            contact_email=EMAIL,
            contact_phone=PHONE,
            contact_preference="sms",
        )
        services.forward(c, actor=ogp_staff, administration=administration_a, category=category_a)
        complaints.append(c)
    services.answer(complaints[0], actor=complaints_officer_a, outcome="positive", text="Oui")
    analytics.compute_snapshot()
    return complaints


def test_public_pages_exports_and_open311_carry_nothing_personal(client, many):
    urls = []
    for lang in ("ar", "fr", "en"):
        with translation.override(lang):
            urls += [
                reverse("complaints:index"),
                reverse("complaints:file"),
                reverse("complaints:statistics_export", kwargs={"fmt": "csv"}),
                reverse("core:home"),
            ]
    urls += [
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        f"/open311/v2/requests/{many[0].reference}.json",
        "/open311/v2/services.json",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8-sig")
        for secret in (NAME, EMAIL, PHONE, "Sujet privé", "Texte privé", many[0].tracking_token):
            assert secret not in text, (url, secret)


def test_the_dashboard_lists_no_complaint(client, many):
    with translation.override("fr"):
        page = client.get(reverse("complaints:index")).content.decode()
    for complaint in many:
        assert complaint.reference not in page


def test_my_data_includes_my_complaints_and_deletion_anonymises_them(citizen, file):
    from ogp_portal.accounts.services import delete_account

    complaint = file(contact_phone="+212600000009")
    data = export_personal_data(citizen)
    assert data["complaints"]["complaints"][0]["reference"] == complaint.reference
    delete_account(citizen)
    complaint.refresh_from_db()
    assert complaint.complainant is None
    assert (complaint.contact_name, complaint.contact_email, complaint.contact_phone) == (
        "",
        "",
        "",
    )
