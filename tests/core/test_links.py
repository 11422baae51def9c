"""Links across apps (ogp_portal.core.links): the registry, the services, what the public sees,
the template tag, the admin, and the rule that domain apps never import each other."""

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse

from ogp_portal.core import links
from ogp_portal.core.models import Link, TimelineEvent
from tests.opendata.factories import DatasetFactory
from tests.transparency.plan.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    ConsultationFactory,
)
from transparency.models import ActionPlan, Idea

REQUESTER_NAME = "Salma Requester-Name"


@pytest.fixture
def commitment(administration_a):
    plan = ActionPlanFactory(slug="2018-2020")
    return CommitmentFactory(plan=plan, number=1, lead_administration=administration_a)


@pytest.fixture
def draft_commitment(administration_a):
    plan = ActionPlanFactory(slug="2030-2032", status=ActionPlan.Status.DRAFT)
    return CommitmentFactory(plan=plan, number=1, lead_administration=administration_a)


@pytest.fixture
def dataset(administration_a):
    return DatasetFactory(
        publisher=administration_a,
        title_ar="Dam levels",
        title_fr="Dam levels",
        title_en="Dam levels",
    )


@pytest.fixture
def idea(commitment, citizen):
    consultation = ConsultationFactory(plan=commitment.plan)
    return Idea.objects.create(
        consultation=consultation, author=citizen, title="Open budgets", text="…"
    )


@pytest.fixture
def refused_request(citizen, administration_a):
    from transparency.ati import services

    return services.submit_request(
        actor=citizen,
        administration=administration_a,
        requester_name=REQUESTER_NAME,
        subject="Budget of the water programme",
        description="The budget and spending of the 2025 water programme.",
        received_on=datetime.date(2026, 3, 16),
    )


# --- the registry and the services ---------------------------------------------------


def test_an_unregistered_model_can_be_neither_source_nor_target(commitment, citizen, ogp_staff):
    with pytest.raises(ValidationError):
        links.create_link(citizen, commitment, actor=ogp_staff)
    with pytest.raises(ValidationError):
        links.create_link(commitment.plan, commitment, actor=ogp_staff)


def test_a_model_registered_only_as_target_cannot_be_a_source(commitment, dataset, ogp_staff):
    with pytest.raises(ValidationError):
        links.create_link(commitment, dataset, actor=ogp_staff)


def test_staff_of_the_publisher_link_a_dataset_to_a_commitment_with_a_private_timeline_event(
    dataset, commitment, civil_servant_a
):
    link = links.create_link(dataset, commitment, actor=civil_servant_a, kind=Link.Kind.SUPPORTS)

    assert (link.source, link.target, link.created_by) == (dataset, commitment, civil_servant_a)
    event = TimelineEvent.objects.for_object(dataset).get(kind=links.EVENT_LINKED)
    assert not event.is_public
    assert str(commitment.title) in event.note


def test_a_citizen_or_another_administration_may_not_link_a_dataset(
    dataset, commitment, citizen, civil_servant_b
):
    for actor in (citizen, civil_servant_b):
        with pytest.raises(PermissionDenied):
            links.create_link(dataset, commitment, actor=actor, kind=Link.Kind.SUPPORTS)
    assert not Link.objects.exists()


def test_only_staff_may_link_to_a_commitment_of_a_draft_plan(
    dataset, draft_commitment, civil_servant_a, ogp_staff
):
    with pytest.raises(PermissionDenied):
        links.create_link(dataset, draft_commitment, actor=civil_servant_a)
    links.create_link(dataset, draft_commitment, actor=ogp_staff)


def test_a_link_is_made_once_and_a_bad_kind_is_refused(dataset, commitment, ogp_staff):
    links.create_link(dataset, commitment, actor=ogp_staff, kind=Link.Kind.SUPPORTS)
    with pytest.raises(ValidationError):
        links.create_link(dataset, commitment, actor=ogp_staff, kind=Link.Kind.SUPPORTS)
    with pytest.raises(ValidationError):
        links.create_link(dataset, commitment, actor=ogp_staff, kind="loves")
    assert Link.objects.count() == 1


def test_sync_links_adds_and_removes_and_leaves_a_trace(dataset, commitment, ogp_staff):
    other = CommitmentFactory(plan=commitment.plan, number=2)

    assert links.sync_links(
        dataset, "transparency.commitment", [commitment, other], actor=ogp_staff, kind="supports"
    ) == (2, 0)
    assert links.sync_links(
        dataset, "transparency.commitment", [other], actor=ogp_staff, kind="supports"
    ) == (0, 1)

    assert links.linked_objects(dataset, "transparency.commitment") == [other]
    kinds = list(TimelineEvent.objects.for_object(dataset).values_list("kind", flat=True))
    assert kinds.count(links.EVENT_LINKED) == 2 and kinds.count(links.EVENT_UNLINKED) == 1


def test_removing_a_link_needs_the_right_to_link_from_its_source(
    dataset, commitment, civil_servant_a, civil_servant_b
):
    link = links.create_link(dataset, commitment, actor=civil_servant_a)
    with pytest.raises(PermissionDenied):
        links.remove_link(link, actor=civil_servant_b)
    links.remove_link(link, actor=civil_servant_a)
    assert not Link.objects.exists()


def test_factories_are_registered_by_the_apps_that_own_them():
    assert links.factory(links.DATASET_REQUEST_FACTORY) is not None
    assert links.factory(links.CONSULTATION_IDEA_FACTORY) is not None
    assert links.factory("no-such-factory") is None
    assert links.public_queryset("no.such") is None


# --- what the public sees -------------------------------------------------------------


def test_public_links_go_both_ways_and_are_api_safe(dataset, commitment, idea, ogp_staff, citizen):
    links.create_link(dataset, commitment, actor=ogp_staff, kind=Link.Kind.SUPPORTS)
    links.create_link(idea, commitment, actor=citizen, kind=Link.Kind.ABOUT)

    on_commitment = links.public_links(commitment)
    assert [(i.model, i.direction) for i in on_commitment] == [
        ("idea", "from"),
        ("dataset", "from"),
    ]
    assert on_commitment[1].as_dict() == {
        "app": "opendata",
        "type": "dataset",
        "title": "Dam levels",
        "url": dataset.get_absolute_url(),
        "status": "",
        "kind": "supports",
        "direction": "from",
    }
    [on_dataset] = links.public_links(dataset)
    assert (on_dataset.model, on_dataset.direction, on_dataset.url) == (
        "commitment",
        "to",
        commitment.get_absolute_url(),
    )


def test_hidden_unpublished_private_and_draft_things_are_not_shown(
    dataset, commitment, draft_commitment, idea, refused_request, ogp_staff
):
    links.create_link(dataset, commitment, actor=ogp_staff)
    links.create_link(idea, commitment, actor=ogp_staff)
    links.create_link(dataset, draft_commitment, actor=ogp_staff)
    assert len(links.public_links(commitment)) == 2

    dataset.is_published = False
    dataset.save(update_fields=["is_published"])
    idea.is_hidden = True
    idea.save(update_fields=["is_hidden"])

    assert links.public_links(commitment) == []
    assert [i.model for i in links.public_links(dataset)] == ["commitment"]


def test_a_deleted_other_end_is_left_out(dataset, commitment, ogp_staff):
    links.create_link(dataset, commitment, actor=ogp_staff)
    dataset.delete()
    assert links.public_links(commitment) == []


def test_labels_carry_no_personal_data(refused_request, citizen, ogp_staff):
    from transparency.ati import links as ati_links

    label = ati_links.request_title(refused_request)
    assert REQUESTER_NAME not in label and citizen.email not in label
    assert refused_request.reference in label


def test_the_template_tag_groups_by_app_and_shows_nothing_when_empty(
    dataset, commitment, idea, ogp_staff
):
    template = Template("{% load links %}{% linked_items obj heading='Linked' %}")
    assert template.render(Context({"obj": commitment})).strip() == ""

    links.create_link(dataset, commitment, actor=ogp_staff)
    links.create_link(idea, commitment, actor=ogp_staff)
    html = template.render(Context({"obj": commitment}))

    assert "Linked" in html
    assert html.index("Open budgets") < html.index("Dam levels")  # ideas (30) before datasets (50)
    assert f'href="{dataset.get_absolute_url()}"' in html


# --- the admin --------------------------------------------------------------------------


def test_staff_list_links_in_the_admin_and_remove_them_through_the_service(
    client_for, dataset, commitment, ogp_staff
):
    link = links.create_link(dataset, commitment, actor=ogp_staff)
    client = client_for(ogp_staff)

    response = client.get(reverse("admin:core_link_changelist"))
    assert response.status_code == 200
    assert "Dam levels" in response.content.decode()
    assert client.get(reverse("admin:core_link_add")).status_code == 403

    response = client.post(reverse("admin:core_link_delete", args=[link.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Link.objects.exists()
    assert TimelineEvent.objects.for_object(dataset).filter(kind=links.EVENT_UNLINKED).exists()


def test_citizens_and_civil_servants_do_not_reach_the_link_admin(
    client_for, citizen, civil_servant_a
):
    assert client_for(citizen).get(reverse("admin:core_link_changelist")).status_code == 302
    assert client_for(civil_servant_a).get(reverse("admin:core_link_changelist")).status_code == 403


def test_the_change_pages_of_linked_objects_list_their_links(
    client_for, dataset, commitment, ogp_staff
):
    links.create_link(dataset, commitment, actor=ogp_staff)
    client = client_for(ogp_staff)

    page = client.get(reverse("admin:transparency_commitment_change", args=[commitment.pk]))
    assert "Dam levels" in page.content.decode()
    page = client.get(reverse("admin:opendata_dataset_change", args=[dataset.pk]))
    assert page.status_code == 200


# --- apps stay apart ---------------------------------------------------------------------


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name


def test_domain_apps_never_import_each_other():
    root = Path(settings.BASE_DIR)
    apps = list(settings.DOMAIN_APPS)
    offences = []
    for app in apps:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # migrations may name another app's model by its label
            for module in _imported_modules(path):
                top = module.split(".")[0]
                if top in apps and top != app:
                    offences.append(f"{path.relative_to(root)}: {module}")
    assert offences == []
