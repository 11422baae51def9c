"""The JSON API (aggregates only), the progress report's section, the admin, the demo."""

import io
import json

import pytest
from django.utils import timezone

from transparency.coeval import report, services
from transparency.models import (
    Assessment,
    AssessmentReply,
    AssessmentWindow,
    ContestedFlag,
    OrganisationMembership,
)
from transparency.reports.builder import build_report_data
from transparency.reports.pdf import render_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def contested(commitment_a, commitment_b, open_window, people, assess, civil_servant_a):
    for person in people[:5]:
        assess(
            commitment_a,
            person,
            open_window,
            "not_started",
            "did_not_change",
            name_display="full",
            justification="Rien n'est publié à ce jour sur le site officiel, malgré les annonces.",
        )
    assess(commitment_b, people[0], open_window, "limited")
    services.reply_to_assessments(
        commitment_a, actor=civil_servant_a, window=open_window, text="Publication prévue en juin."
    )


# --- API -----------------------------------------------------------------------------------


def test_the_api_serves_the_aggregates_per_commitment_without_personal_data(
    client, plan, open_window, contested, people
):
    response = client.get("/api/v1/coevaluation/", {"plan": plan.slug})
    assert response.status_code == 200
    results = response.json()["results"]
    first = next(r for r in results if r["number"] == 1)
    assert first["contested"] is True
    assert first["official"] == {
        "progress": 60.0,
        "completion_step": 2,
        "completion": "substantial",
    }
    public = first["public"]["completion"]
    assert public["count"] == 5
    assert public["distribution"] == {
        "not_started": 5,
        "limited": 0,
        "substantial": 0,
        "complete": 0,
    }
    assert public["median_levels"] == ["not_started"]
    assert first["reply"]["text"] == "Publication prévue en juin."
    assert first["window"]["id"] == open_window.pk and first["window"]["is_open"]
    raw = response.content.decode()
    for person in people:
        assert person.email not in raw and person.full_name not in raw
    assert "Rien n'est publié" not in raw  # no assessment text either: aggregates only


def test_the_api_filters_contested_commitments_and_windows(
    client, plan, commitment_a, open_window, closed_window, contested
):
    contested_only = client.get("/api/v1/coevaluation/", {"contested": "true"}).json()
    assert [r["number"] for r in contested_only["results"]] == [1]
    closed = client.get(
        "/api/v1/coevaluation/", {"plan": plan.slug, "window": closed_window.pk}
    ).json()
    assert all(r["public"]["completion"]["count"] == 0 for r in closed["results"])
    one = client.get(f"/api/v1/coevaluation/{commitment_a.pk}/")
    assert one.status_code == 200 and one.json()["number"] == 1
    windows = client.get("/api/v1/assessment-windows/", {"plan": plan.pk}).json()
    assert windows["count"] == 2


@pytest.mark.parametrize(
    "query", [{"plan": "no-such-plan"}, {"window": "999999"}, {"contested": "perhaps"}]
)
def test_bad_api_filters_answer_400_with_the_reason(client, plan, open_window, query):
    response = client.get("/api/v1/coevaluation/", query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)


def test_a_window_of_another_plan_is_a_400_on_one_commitment(client, commitment_a, open_window):
    from django.utils import timezone

    from tests.transparency.plan.factories import ActionPlanFactory

    other = AssessmentWindow.objects.create(
        plan=ActionPlanFactory(slug="other"),
        label_fr="Autre",
        label_ar="أخرى",
        opens_at=timezone.now() - timezone.timedelta(days=2),
        closes_at=timezone.now() - timezone.timedelta(days=1),
    )
    response = client.get(f"/api/v1/coevaluation/{commitment_a.pk}/", {"window": other.pk})
    assert response.status_code == 400


# --- Progress report ---------------------------------------------------------------------


def test_the_report_has_a_voices_section_per_commitment_with_the_contested_flag(
    plan, open_window, contested, people
):
    data = build_report_data(plan, language="en")
    section = next(s for s in data.voices if s.title.startswith("Public assessment"))
    assert "Mid-term review" in section.title
    items = {item["number"]: item for item in section.items}
    assert items[1]["contested"] and "Contested" in items[1]["meta"]
    assert items[1]["completion"]["not_started"] == 5
    assert "Not started: 5" in items[1]["text"]
    assert "Reply of Ministry A: Publication prévue en juin." in items[1]["text"]
    assert not items[2]["contested"] and items[2]["count"] == 1
    html = render_html(data)
    assert "What citizens and civil society say" in html
    assert "Contested: the public median differs" in html
    for person in people:
        assert person.full_name not in html and person.email not in html


def test_the_report_section_is_in_the_report_language(plan, open_window, contested):
    data = build_report_data(plan, language="fr")
    section = next(s for s in data.voices if "Revue à mi-parcours" in s.title)
    assert "Non commencé: 5" in section.items[0]["text"]


def test_no_section_without_a_window(plan, commitment_a):
    data = build_report_data(plan, language="en")
    assert report.voices(plan, data.commitments, "en") is None


def test_the_voices_table_gives_the_csv_and_xlsx_rows(plan, open_window, contested):
    data = build_report_data(plan, language="en")
    title, headers, rows = report.voices_table(data)
    assert title == "What citizens say" and len(headers) == len(rows[0])
    assert rows[0][:4] == [1, rows[0][1], 5, 0] and rows[0][7] == "yes"


def test_the_csv_and_xlsx_reports_carry_what_citizens_say(plan, open_window, contested):
    import csv

    from openpyxl import load_workbook

    from transparency.reports.xlsx import render_csv, render_xlsx

    data = build_report_data(plan, language="en")

    lines = list(csv.reader(io.StringIO(render_csv(data).decode("utf-8-sig"))))
    header = lines[0]
    public = header.index("Public assessments")
    assert header[public : public + 3] == [
        "Public assessments",
        "Public completion (median)",
        "Contested",
    ]
    by_number = {line[0]: line for line in lines[1:]}
    assert by_number["1"][public] == "5" and by_number["1"][public + 2] == "yes"
    assert by_number["2"][public + 2] == "no"

    workbook = load_workbook(io.BytesIO(render_xlsx(data)))
    assert workbook.sheetnames[-1] == "What citizens say"
    sheet = workbook["What citizens say"]
    assert sheet.cell(2, 1).value == 1 and sheet.cell(2, 8).value == "yes"


COMPLETION_COLUMNS = [
    "Completion: Not started",
    "Completion: Limited",
    "Completion: Substantial",
    "Completion: Complete",
]
EARLY_COLUMNS = [
    "Did it open government? Worsened",
    "Did it open government? Did not change",
    "Did it open government? Marginal",
    "Did it open government? Major",
    "Did it open government? Outstanding",
]


def test_the_csv_report_has_the_distribution_one_column_per_irm_level(plan, open_window, contested):
    import csv

    from transparency.reports.xlsx import render_csv

    data = build_report_data(plan, language="en")
    lines = list(csv.reader(io.StringIO(render_csv(data).decode("utf-8-sig"))))
    header, rows = lines[0], {line[0]: line for line in lines[1:]}
    assert header[-9:] == COMPLETION_COLUMNS + EARLY_COLUMNS
    # Commitment 1: five "not started" / "did not change"; commitment 2: one "limited" /
    # "marginal"; commitment none: zeros.
    assert rows["1"][-9:] == ["5", "0", "0", "0", "0", "5", "0", "0", "0"]
    assert rows["2"][-9:] == ["0", "1", "0", "0", "0", "0", "1", "0", "0"]


def test_the_xlsx_sheet_has_the_distribution_as_numbers(plan, open_window, contested):
    from openpyxl import load_workbook

    from transparency.reports.xlsx import render_xlsx

    data = build_report_data(plan, language="en")
    sheet = load_workbook(io.BytesIO(render_xlsx(data)))["What citizens say"]
    header = [cell.value for cell in sheet[1]]
    start = header.index("Completion: Not started")
    assert header[start : start + 9] == COMPLETION_COLUMNS + EARLY_COLUMNS
    assert header[-1] == "Reply of the lead administration"
    first = [cell.value for cell in sheet[2]]
    assert first[start : start + 9] == [5, 0, 0, 0, 0, 5, 0, 0, 0]
    assert first[header.index("Official progress (%)")] == 60  # not 60.0


def test_the_distribution_headers_are_in_the_report_language(plan, open_window, contested):
    _title, headers, _rows = report.voices_table(build_report_data(plan, language="fr"))
    # The levels' own names (the headers' wording is in the catalogue, see locale/).
    assert any(h.endswith("Non commencé") for h in headers)
    assert any(h.endswith("Exceptionnel") for h in headers)
    assert not any(h.endswith(("Not started", "Outstanding")) for h in headers)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_pdf_section_has_no_english_word_and_localised_percentages(
    plan, open_window, contested, language
):
    import unicodedata

    from pypdf import PdfReader

    from transparency.reports.pdf import render_pdf

    data = build_report_data(plan, language=language)
    section = next(s for s in data.voices if s.items)
    item = next(i for i in section.items if i["number"] == 1)
    assert "contested" not in item["meta"].lower()
    assert "60.0" not in item["text"] and "60,0" not in item["text"]
    assert "60 %" in item["text"]
    pdf = render_pdf(data)
    reader = PdfReader(io.BytesIO(pdf))
    text = unicodedata.normalize(
        "NFKC", "\n".join(page.extract_text() or "" for page in reader.pages)
    )
    assert "contested" not in text.lower()
    assert "60.0" not in text and "60,0" not in text


def test_a_percentage_keeps_one_decimal_when_it_has_one_in_the_report_language():
    from django.utils import translation

    from transparency.coeval.aggregates import percent_number

    with translation.override("fr"):
        assert (percent_number(62.5), percent_number(60.0), percent_number(0)) == (
            "62,5",
            "60",
            "0",
        )
    with translation.override("en"):
        assert percent_number(62.5) == "62.5"


def test_without_a_window_the_spreadsheets_keep_their_three_sheets(plan, commitment_a):
    from openpyxl import load_workbook

    from transparency.reports.xlsx import render_csv, render_xlsx

    data = build_report_data(plan, language="en")

    assert "Contested" not in render_csv(data).decode("utf-8-sig").splitlines()[0]
    assert len(load_workbook(io.BytesIO(render_xlsx(data))).sheetnames) == 3


# --- Admin ---------------------------------------------------------------------------------


def test_ogp_staff_verify_an_organisation_from_the_admin(client_for, citizen, ogp_staff):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    client = client_for(ogp_staff)
    changelist = "/en/admin/transparency/organisationmembership/"
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "verify_selected", "_selected_action": [membership.pk]})
    membership.refresh_from_db()
    assert membership.status == OrganisationMembership.Status.VERIFIED


def test_a_civil_servant_cannot_verify_organisations_in_the_admin(
    client_for, citizen, civil_servant_a
):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    client = client_for(civil_servant_a)
    client.post(
        "/en/admin/transparency/organisationmembership/",
        {"action": "verify_selected", "_selected_action": [membership.pk]},
    )
    membership.refresh_from_db()
    assert membership.status == OrganisationMembership.Status.PENDING


def test_ogp_staff_set_assessment_windows_in_the_admin(
    client_for, plan, ogp_staff, civil_servant_a
):
    url = "/en/admin/transparency/assessmentwindow/add/"
    assert client_for(civil_servant_a).get(url).status_code == 403
    client = client_for(ogp_staff)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "plan": plan.pk,
            "label_ar": "منتصف المدة",
            "label_fr": "Mi-parcours",
            "label_en": "Mid-term",
            "opens_at_0": "2026-01-01",
            "opens_at_1": "00:00:00",
            "closes_at_0": "2025-12-01",  # before it opens
            "closes_at_1": "00:00:00",
        },
    )
    assert response.status_code == 200 and not AssessmentWindow.objects.exists()


def test_replies_in_the_admin_are_scoped_to_the_lead_administration(
    client_for, commitment_a, open_window, civil_servant_a, civil_servant_b
):
    reply = services.reply_to_assessments(
        commitment_a, actor=civil_servant_a, window=open_window, text="Réponse."
    )
    url = f"/en/admin/transparency/assessmentreply/{reply.pk}/change/"
    assert client_for(civil_servant_a).get(url).status_code == 200
    assert client_for(civil_servant_b).get(url).status_code == 404
    assert AssessmentReply.objects.count() == 1


def test_moderators_see_assessments_in_the_admin(
    client_for, commitment_a, open_window, citizen, assess, moderator
):
    assessment = assess(commitment_a, citizen, open_window)
    client = client_for(moderator)
    assert client.get("/en/admin/transparency/assessment/").status_code == 200
    assert (
        client.get(f"/en/admin/transparency/assessment/{assessment.pk}/change/").status_code == 200
    )


def test_ogp_staff_cannot_set_a_window_overlapping_another_in_the_admin(
    client_for, plan, open_window, ogp_staff
):
    response = client_for(ogp_staff).post(
        "/en/admin/transparency/assessmentwindow/add/",
        {
            "plan": plan.pk,
            "label_ar": "نهاية المدة",
            "label_fr": "Fin de mandat",
            "label_en": "End of term",
            "opens_at_0": (open_window.closes_at - timezone.timedelta(days=2)).date().isoformat(),
            "opens_at_1": "00:00:00",
            "closes_at_0": (open_window.closes_at + timezone.timedelta(days=30)).date().isoformat(),
            "closes_at_1": "00:00:00",
        },
    )
    assert response.status_code == 200
    assert "overlaps “Mid-term review”" in response.content.decode()
    assert AssessmentWindow.objects.count() == 1


STAFF_ONLY = ["organisationmembership", "organisation", "assessmentwindow"]


@pytest.fixture
def staff_only_objects(citizen, open_window):
    membership = services.request_organisation(
        actor=citizen, name="Réseau", registration_number="R-1", role="Présidente"
    )
    return {
        "organisationmembership": membership.pk,
        "organisation": membership.organisation_id,
        "assessmentwindow": open_window.pk,
    }


@pytest.mark.parametrize("model", STAFF_ONLY)
@pytest.mark.parametrize("persona", ["civil_servant_a", "moderator"])
def test_other_staff_roles_cannot_read_organisations_memberships_or_windows_in_the_admin(
    request, client_for, staff_only_objects, model, persona
):
    client = client_for(request.getfixturevalue(persona))
    pk = staff_only_objects[model]
    for url in (
        f"/fr/admin/transparency/{model}/",
        f"/fr/admin/transparency/{model}/{pk}/change/",
        f"/fr/admin/transparency/{model}/{pk}/history/",
    ):
        assert client.get(url).status_code == 403, url
    index = client.get("/fr/admin/").content.decode()
    assert f"/admin/transparency/{model}/" not in index


def test_a_civil_servant_reads_no_name_role_or_decision_note_of_a_membership(
    client_for, citizen, civil_servant_a, ogp_staff, staff_only_objects
):
    membership = OrganisationMembership.objects.get(pk=staff_only_objects["organisationmembership"])
    services.reject_membership(membership, actor=ogp_staff, reason="Récépissé illisible.")
    url = f"/fr/admin/transparency/organisationmembership/{membership.pk}/change/"
    response = client_for(civil_servant_a).get(url)
    body = response.content.decode()
    assert response.status_code == 403
    for secret in (citizen.full_name, "Présidente", "Récépissé illisible."):
        assert secret not in body


@pytest.mark.parametrize("model", STAFF_ONLY)
def test_ogp_staff_still_see_organisations_memberships_and_windows(
    client_for, ogp_staff, staff_only_objects, model
):
    client = client_for(ogp_staff)
    pk = staff_only_objects[model]
    assert client.get(f"/fr/admin/transparency/{model}/").status_code == 200
    assert client.get(f"/fr/admin/transparency/{model}/{pk}/change/").status_code == 200
    assert f"/admin/transparency/{model}/" in client.get("/fr/admin/").content.decode()


# --- Demo ----------------------------------------------------------------------------------


def test_the_demo_has_two_windows_dozens_of_assessments_an_organisation_and_a_contested_commitment():
    from ogp_portal.accounts import demo as accounts_demo
    from ogp_portal.directory import demo as directory_demo
    from transparency.coeval import demo
    from transparency.plan import demo as plan_demo

    out = io.StringIO()
    directory_demo.seed(out)
    accounts_demo.seed(out)
    plan_demo.seed(out)
    demo.seed(out)
    counts = (Assessment.objects.count(), ContestedFlag.objects.count())
    demo.seed(out)  # idempotent
    assert (Assessment.objects.count(), ContestedFlag.objects.count()) == counts
    windows = AssessmentWindow.objects.filter(plan__slug="2024-2027")
    assert sorted(w.is_open() for w in windows) == [False, True]
    assert Assessment.objects.count() >= 36
    assert Assessment.objects.filter(organisation__isnull=False).exists()
    assert OrganisationMembership.objects.verified().count() == 1
    open_window = next(w for w in windows if w.is_open())
    assert ContestedFlag.objects.filter(window=open_window).exists()
    assert not Assessment.objects.filter(author__email__endswith="@example.test").exists()
    data = build_report_data(open_window.plan, language="ar")
    json.dumps(report.voices(open_window.plan, data.commitments, "ar").items)  # plain values
