"""The staff statistics dashboard: who sees what (officer of A sees nothing of B), exact
figures from the snapshot, drill-down per administration, CSV and XLSX."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from complaints import analytics, services
from complaints.models import Complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(
    file,
    ogp_staff,
    complaints_officer_a,
    administration_a,
    administration_b,
    category_a,
    category_b,
):
    """A: six complaints, forwarded after 1..6 days, three answered after 10, 20, 90 days.
    B: two complaints (a small cell), forwarded after 3 days."""
    received = timezone.now() - datetime.timedelta(days=120)
    for i in range(6):
        phone = {"channel": "phone", "contact_phone": "+212600000001"} if i < 2 else {}
        c = file(received_at=received, **phone)
        services.forward(c, actor=ogp_staff, administration=administration_a, category=category_a)
        Complaint.objects.filter(pk=c.pk).update(
            forwarded_at=received + datetime.timedelta(days=i + 1)
        )
        if i < 3:
            c.refresh_from_db()
            services.answer(c, actor=complaints_officer_a, outcome="positive", text="Oui")
            when = received + datetime.timedelta(days=(10, 20, 90)[i])
            Complaint.objects.filter(pk=c.pk).update(answered_at=when, first_answered_at=when)
    first = Complaint.objects.filter(administration=administration_a).order_by("pk").first()
    Complaint.objects.filter(pk=first.pk).update(reopened_count=1)
    for _ in range(2):
        c = file(received_at=received, subject="Voirie B")
        services.forward(c, actor=ogp_staff, administration=administration_b, category=category_b)
        Complaint.objects.filter(pk=c.pk).update(forwarded_at=received + datetime.timedelta(days=3))
    return analytics.compute_snapshot()


def _url(name, *args):
    with translation.override("fr"):
        return reverse(f"complaints:{name}", args=args)


def test_anonymous_visitors_are_sent_to_sign_in(client, figures):
    for url in (
        _url("staff_dashboard"),
        _url("staff_administration", "ministere-a"),
        _url("staff_export", "csv"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_citizens_and_other_staff_are_refused(client_for, citizen, moderator, figures):
    for user in (citizen, moderator):
        client = client_for(user)
        assert client.get(_url("staff_dashboard")).status_code == 403
        assert client.get(_url("staff_administration", "ministere-a")).status_code == 403


def test_ogp_staff_see_every_administration_and_drill_down(client_for, ogp_staff, figures):
    client = client_for(ogp_staff)
    response = client.get(_url("staff_dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ministère A" in page and "Ministère B" in page
    assert _url("staff_administration", "ministere-a") in page
    assert _url("staff_administration", "ministere-b") in page
    response = client.get(_url("staff_administration", "ministere-b"))
    assert response.status_code == 200
    assert response.context["overall"].received == 2


def test_the_drill_down_has_exact_figures(client_for, complaints_officer_a, figures):
    response = client_for(complaints_officer_a).get(_url("staff_administration", "ministere-a"))
    assert response.status_code == 200
    overall = response.context["overall"]
    assert (overall.received, overall.forwarded, overall.answered) == (6, 6, 3)
    assert overall.answered_on_time == 2
    assert overall.on_time_share == 66.7
    assert overall.days_to_forward_median == 3.5
    assert overall.days_to_forward_p90 == 5.5
    assert overall.days_to_answer_median == 20.0
    assert overall.days_to_answer_p90 == 76.0
    assert overall.reopened == 1
    assert overall.reopen_rate == 33.3
    sections = {key: rows for key, _caption, rows in response.context["sections"]}
    (category,) = sections["category"]
    assert (category.value, category.received) == ("a-accueil", 6)
    (month,) = sections["administration_month"]
    month_key = timezone.localtime(timezone.now() - datetime.timedelta(days=120)).strftime("%Y-%m")
    assert (month.value, month.received) == (month_key, 6)
    channels = {row.value: row.received for row in sections["administration_channel"]}
    assert channels == {"phone": 2, "web": 4}


def test_an_officer_of_a_sees_nothing_of_b(client_for, complaints_officer_a, figures):
    client = client_for(complaints_officer_a)
    response = client.get(_url("staff_dashboard"))
    assert response.status_code == 302
    assert response["Location"] == _url("staff_administration", "ministere-a")
    assert client.get(_url("staff_administration", "ministere-b")).status_code == 404
    assert client.get(_url("staff_administration_export", "ministere-b", "csv")).status_code == 404
    assert client.get(_url("staff_administration", "no-such-body")).status_code == 404
    page = client.get(_url("staff_administration", "ministere-a")).content.decode()
    assert "Ministère B" not in page and "b-voirie" not in page
    text = client.get(_url("staff_export", "csv")).content.decode("utf-8-sig")
    assert "ministere-b" not in text and "Ministère B" not in text
    assert "ministere-a" in text


def test_csv_and_xlsx_of_the_aggregates(client_for, ogp_staff, figures):
    client = client_for(ogp_staff)
    response = client.get(_url("staff_export", "csv"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by = {(r["dimension"], r["key"]): r for r in rows}
    assert by[("administration", "ministere-b")]["received"] == "2"  # small cells for staff
    assert by[("administration", "ministere-a")]["answered"] == "3"
    assert any(
        r["dimension"] == "administration_channel" and r["administration"] == "ministere-a"
        for r in rows
    )
    xlsx = client.get(_url("staff_administration_export", "ministere-a", "xlsx"))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:5] == ["dimension", "administration", "value", "key", "label"]
    assert {row[1] for row in values[1:]} <= {None, "ministere-a"}
    assert "salma" not in xlsx.content.decode("latin-1").lower()


def test_small_cells_are_marked_but_kept_for_staff(client_for, ogp_staff, figures):
    with translation.override("fr"):
        page = client_for(ogp_staff).get(_url("staff_dashboard")).content.decode()
        public = client_for(ogp_staff).get(reverse("complaints:index")).content.decode()
    assert "Ministère B" in page
    assert "Ministère B" not in public
