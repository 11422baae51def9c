import pytest

from transparency.plan import services

pytestmark = pytest.mark.django_db


def test_plans_and_commitments_come_with_progress_and_milestones(
    client, plan, commitment_a, milestone_a, ogp_staff
):
    services.record_milestone_progress(milestone_a, actor=ogp_staff, progress=50)
    plans = client.get("/api/v1/plans/").json()["results"]
    assert [(p["slug"], p["progress"]) for p in plans] == [(plan.slug, 50.0)]
    commitments = client.get(f"/api/v1/commitments/?plan={plan.slug}").json()["results"]
    assert commitments[0]["progress"] == 50.0
    assert commitments[0]["milestones"][0]["status"] == "in_progress"
    assert commitments[0]["title_fr"] == commitment_a.title_fr


def test_a_bad_filter_is_a_400_that_says_why(client):
    response = client.get("/api/v1/commitments/?status=bogus")
    assert response.status_code == 400
    assert "status" in response.json()


def test_ideas_in_the_api_carry_no_author(client, consultation, citizen):
    services.propose_idea(consultation, actor=citizen, title="Idea", text="Text")
    response = client.get("/api/v1/ideas/")
    body = response.content.decode()
    assert response.json()["count"] == 1
    assert "author" not in response.json()["results"][0]
    assert citizen.email not in body and "Salma" not in body
