import pytest

from transparency.models import ActionPlan, Comment, Idea
from transparency.plan import services

from .factories import CommitmentFactory, MilestoneFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_data(plan, commitment_a, milestone_a, citizen, consultation, ogp_staff):
    theme = ThemeFactory(plan=plan, name_fr="Accès à l'information", name_ar="الحصول على المعلومات")
    commitment_a.theme = theme
    commitment_a.save()
    comment = services.post_comment(
        commitment_a, actor=citizen, text="Bonne initiative", stance="for"
    )
    idea = services.propose_idea(
        consultation, actor=citizen, title="Budgets ouverts", text="Publier."
    )
    services.decide_idea(
        idea, actor=ogp_staff, decision=Idea.Status.REJECTED, response="Déjà prévu par la loi."
    )
    return {"comment": comment, "idea": idea}


def public_urls(plan, commitment, consultation):
    return [
        "/transparency/",
        "/transparency/plans/",
        f"/transparency/plans/{plan.slug}/",
        f"/transparency/plans/{plan.slug}/commitments/",
        f"/transparency/plans/{plan.slug}/commitments/?status=off_track&q=engagement",
        f"/transparency/plans/{plan.slug}/commitments/{commitment.number}/",
        "/transparency/consultations/",
        f"/transparency/consultations/{consultation.slug}/",
    ]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_every_public_page_renders_in_each_language_without_personal_data(
    client, lang, plan, commitment_a, consultation, page_data, citizen
):
    for url in public_urls(plan, commitment_a, consultation):
        response = client.get(f"/{lang}{url}")
        assert response.status_code == 200, url
        body = response.content.decode()
        assert citizen.email not in body, url
        assert citizen.full_name not in body, url


def test_the_plan_page_shows_progress_off_track_and_co_creation_figures(
    client, plan, commitment_a, consultation, page_data
):
    body = client.get(f"/en/transparency/plans/{plan.slug}/").content.decode()
    assert commitment_a.title_en in body
    assert "Participants" in body
    assert "<svg" in body  # the bar charts


def test_the_commitment_page_shows_milestones_comments_and_the_decision_reason(
    client, plan, commitment_a, milestone_a, consultation, page_data
):
    body = client.get(f"/fr/transparency/plans/{plan.slug}/commitments/1/").content.decode()
    assert milestone_a.title_fr in body
    assert "Bonne initiative" in body
    assert "SC" in body  # Salma Citizen's initials
    body = client.get(f"/fr/transparency/consultations/{consultation.slug}/").content.decode()
    assert "Déjà prévu par la loi." in body


def test_draft_plans_are_not_public(client, administration_a):
    commitment = CommitmentFactory(
        plan__slug="brouillon",
        plan__status=ActionPlan.Status.DRAFT,
        lead_administration=administration_a,
    )
    assert client.get("/fr/transparency/plans/brouillon/").status_code == 404
    assert (
        client.get(f"/fr/transparency/plans/brouillon/commitments/{commitment.number}/").status_code
        == 404
    )


def test_hidden_comments_are_not_shown(client, plan, commitment_a, page_data):
    Comment.objects.update(is_hidden=True)
    body = client.get(f"/fr/transparency/plans/{plan.slug}/commitments/1/").content.decode()
    assert "Bonne initiative" not in body


def test_the_commitments_list_filters_off_track_and_by_theme(client, plan, administration_a):
    import datetime

    late = CommitmentFactory(
        plan=plan, number=5, title_en="Late one", lead_administration=administration_a
    )
    MilestoneFactory(commitment=late, due_date=datetime.date(2020, 1, 1), status="in_progress")
    fine = CommitmentFactory(
        plan=plan, number=6, title_en="Fine one", lead_administration=administration_a
    )
    MilestoneFactory(commitment=fine)
    body = client.get(
        f"/en/transparency/plans/{plan.slug}/commitments/?status=off_track"
    ).content.decode()
    assert "Late one" in body and "Fine one" not in body
    response = client.get(f"/en/transparency/plans/{plan.slug}/commitments/?theme=nope")
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()


def test_a_signed_in_citizen_comments_and_replies(client_for, citizen, plan, commitment_a):
    client = client_for(citizen)
    url = f"/en/transparency/plans/{plan.slug}/commitments/1/comment/"
    response = client.post(url, {"text": "I support this", "stance": "for"})
    assert response.status_code == 302
    top = Comment.objects.get()
    response = client.post(url, {"text": "And more", "stance": "neutral", "parent": top.pk})
    assert response.status_code == 302
    reply = Comment.objects.get(parent=top)
    response = client.post(url, {"text": "Too deep", "stance": "neutral", "parent": reply.pk})
    assert response.status_code == 400
    assert "Replies to replies are not possible" in response.content.decode()


def test_an_empty_comment_re_renders_with_an_error(client_for, citizen, plan, commitment_a):
    response = client_for(citizen).post(
        f"/fr/transparency/plans/{plan.slug}/commitments/1/comment/", {"text": "", "stance": "for"}
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_to_comment(client, plan, commitment_a):
    response = client.post(
        f"/en/transparency/plans/{plan.slug}/commitments/1/comment/", {"text": "x", "stance": "for"}
    )
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Comment.objects.exists()


def test_proposing_and_supporting_ideas_through_the_pages(
    client_for, citizen, civil_servant_b, consultation
):
    client = client_for(citizen)
    response = client.post(
        f"/en/transparency/consultations/{consultation.slug}/propose/", {"title": "", "text": ""}
    )
    assert response.status_code == 400
    response = client.post(
        f"/en/transparency/consultations/{consultation.slug}/propose/",
        {"title": "Open contracts", "text": "Publish public contracts."},
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    other = client_for(civil_servant_b)
    other.post(f"/en/transparency/ideas/{idea.pk}/support/")
    other.post(f"/en/transparency/ideas/{idea.pk}/support/")
    assert idea.supports.count() == 1
    other.post(f"/en/transparency/ideas/{idea.pk}/support/", {"action": "withdraw"})
    assert idea.supports.count() == 0


def test_the_report_button_reaches_core_moderation(
    client_for, citizen, moderator, plan, commitment_a
):
    comment = services.post_comment(commitment_a, actor=citizen, text="Hmm")
    response = client_for(moderator).post(
        f"/en/report/transparency/comment/{comment.pk}/", {"reason": "spam", "next": "/"}
    )
    assert response.status_code == 302
    from ogp_portal.core.models import ContentReport

    assert ContentReport.objects.count() == 1


def test_the_landing_page_links_to_the_plan(client, plan, commitment_a):
    body = client.get("/en/transparency/").content.decode()
    assert plan.get_absolute_url().replace("/ar/", "/en/") in body


def test_the_plan_page_query_count_does_not_grow_with_commitments(
    client, plan, administration_a, django_assert_max_num_queries
):
    for number in range(1, 16):
        commitment = CommitmentFactory(
            plan=plan, number=number, lead_administration=administration_a
        )
        MilestoneFactory(commitment=commitment)
        MilestoneFactory(commitment=commitment)
    client.get(f"/fr/transparency/plans/{plan.slug}/")  # warm caches (content types, sessions)
    with django_assert_max_num_queries(25):
        assert client.get(f"/fr/transparency/plans/{plan.slug}/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/fr/transparency/plans/{plan.slug}/commitments/").status_code == 200
