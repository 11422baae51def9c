"""Links across apps, action plan side: an idea points to a commitment, the commitment page shows
what is linked to it, and staff propose ideas through the consultation-idea factory."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ogp_portal.core import links
from ogp_portal.core.models import Link
from transparency.models import ActionPlan, Idea
from transparency.plan import links as plan_links
from transparency.plan import services

from .factories import ActionPlanFactory, CommitmentFactory


def _propose_url(consultation):
    return reverse("transparency:idea_propose", kwargs={"slug": consultation.slug})


def test_a_citizen_proposes_an_idea_about_a_commitment_and_both_pages_show_it(
    client_for, citizen, consultation, commitment_a
):
    client = client_for(citizen)
    response = client.post(
        _propose_url(consultation),
        {
            "title": "Publish the water budget",
            "text": "Every quarter.",
            "commitment": commitment_a.pk,
        },
    )

    assert response.status_code == 302
    idea = Idea.objects.get()
    link = Link.objects.get()
    assert (link.source, link.target, link.kind) == (idea, commitment_a, Link.Kind.ABOUT)

    page = client.get(commitment_a.get_absolute_url()).content.decode()
    assert f'id="links-commitment-{commitment_a.pk}"' in page
    assert "Publish the water budget" in page
    consultation_page = client.get(consultation.get_absolute_url()).content.decode()
    assert commitment_a.get_absolute_url() in consultation_page


def test_the_commitment_is_optional(client_for, citizen, consultation):
    response = client_for(citizen).post(
        _propose_url(consultation), {"title": "An idea", "text": "Text.", "commitment": ""}
    )
    assert response.status_code == 302
    assert Idea.objects.count() == 1 and not Link.objects.exists()


def test_a_draft_plans_commitment_is_not_a_choice_and_is_refused(
    client_for, citizen, consultation, administration_a
):
    draft = ActionPlanFactory(slug="2030-2032", status=ActionPlan.Status.DRAFT)
    hidden = CommitmentFactory(plan=draft, number=1, lead_administration=administration_a)
    client = client_for(citizen)

    form = client.get(consultation.get_absolute_url()).context["form"]
    assert hidden not in form.fields["commitment"].queryset

    response = client.post(
        _propose_url(consultation), {"title": "An idea", "text": "Text.", "commitment": hidden.pk}
    )
    assert response.status_code == 400
    assert "commitment" in response.context["form"].errors
    assert not Idea.objects.exists()


def test_the_service_refuses_a_commitment_of_a_draft_plan(citizen, consultation, administration_a):
    draft = ActionPlanFactory(slug="2030-2032", status=ActionPlan.Status.DRAFT)
    hidden = CommitmentFactory(plan=draft, number=1, lead_administration=administration_a)
    with pytest.raises(ValidationError):
        services.propose_idea(consultation, actor=citizen, title="T", text="X", commitment=hidden)


def test_only_the_author_or_staff_may_link_an_idea(
    citizen, civil_servant_a, ogp_staff, consultation, commitment_a
):
    idea = services.propose_idea(consultation, actor=citizen, title="T", text="X")
    with pytest.raises(PermissionDenied):
        links.create_link(idea, commitment_a, actor=civil_servant_a, kind=Link.Kind.ABOUT)
    links.create_link(idea, commitment_a, actor=citizen, kind=Link.Kind.ABOUT)


def test_a_hidden_idea_disappears_from_the_commitment_page(
    client, citizen, consultation, commitment_a
):
    idea = services.propose_idea(
        consultation, actor=citizen, title="Moderated idea", text="X", commitment=commitment_a
    )
    assert "Moderated idea" in client.get(commitment_a.get_absolute_url()).content.decode()

    idea.is_hidden = True
    idea.save(update_fields=["is_hidden"])

    assert "Moderated idea" not in client.get(commitment_a.get_absolute_url()).content.decode()


def test_the_consultation_page_keeps_its_query_count_with_many_linked_ideas(
    client, citizen, consultation, commitment_a, commitment_b, django_assert_max_num_queries
):
    for n in range(6):
        services.propose_idea(
            consultation,
            actor=citizen,
            title=f"Idea {n}",
            text="X",
            commitment=commitment_a if n % 2 else commitment_b,
        )
    with django_assert_max_num_queries(20):
        response = client.get(consultation.get_absolute_url())
    assert response.content.decode().count("bi-link-45deg") == 6


# --- the consultation-idea factory ---------------------------------------------------------


def test_the_factory_proposes_in_the_current_consultation_for_staff_only(
    ogp_staff, civil_servant_a, consultation
):
    make = links.factory(links.CONSULTATION_IDEA_FACTORY)
    with pytest.raises(PermissionDenied):
        make(actor=civil_servant_a, title="T", text="X")

    idea = make(actor=ogp_staff, title="Growing complaints", text="Figures only.")
    assert idea.consultation == consultation and idea.status == Idea.Status.SUBMITTED


def test_the_factory_says_clearly_when_no_consultation_is_open(ogp_staff, consultation):
    consultation.opens_at = timezone.now() - datetime.timedelta(days=40)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=10)
    consultation.save()

    assert plan_links.current_consultation() is None
    with translation.override("en"), pytest.raises(ValidationError, match="No consultation"):
        links.factory(links.CONSULTATION_IDEA_FACTORY)(actor=ogp_staff, title="T", text="X")
