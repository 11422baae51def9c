"""The three views and the contested rule on known data."""

import pytest
from django.utils import translation

from ogp_portal.core.models import Notification, TimelineEvent
from transparency.coeval import aggregates
from transparency.coeval.aggregates import commitment_views, official_completion_code
from transparency.models import ContestedFlag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("progress", "code"),
    [
        (0, "not_started"),
        (0.4, "limited"),
        (1, "limited"),
        (49.9, "limited"),
        (50, "substantial"),
        (99.9, "substantial"),
        (100, "complete"),
    ],
)
def test_official_progress_is_placed_on_the_irm_completion_scale(progress, code):
    assert official_completion_code(progress) == code


def test_the_distribution_median_and_count_come_from_the_visible_assessments(
    commitment_a, open_window, people, assess
):
    for person, code in zip(
        people, ["limited", "limited", "substantial", "complete"], strict=False
    ):
        assess(commitment_a, person, open_window, code)
    views = commitment_views(commitment_a, open_window)
    assert views.count == 4
    assert [(row.level.code, row.count) for row in views.completion.rows] == [
        ("not_started", 0),
        ("limited", 2),
        ("substantial", 1),
        ("complete", 1),
    ]
    assert views.completion.median == 1.5  # between limited (1) and substantial (2)
    assert views.completion.median_codes == ["limited", "substantial"]
    assert views.official_progress == 60.0
    assert views.official_level.code == "substantial"
    assert views.official_step == 2


def test_an_even_count_can_put_the_median_half_way_between_two_steps(
    commitment_a, open_window, people, assess, levels
):
    for person, code in zip(people, ["not_started"] * 3 + ["limited"] * 3, strict=False):
        assess(commitment_a, person, open_window, code)
    views = commitment_views(commitment_a, open_window)
    assert views.completion.median == 0.5
    assert views.gap == 1.5
    assert not views.contested
    with translation.override("en"):
        assert views.completion.median_label == "between Not started and Limited"


def test_organisations_and_individuals_are_counted_apart(
    commitment_a, open_window, people, assess, ogp_staff
):
    from transparency.coeval import services

    membership = services.request_organisation(
        actor=people[0], name="Association A", registration_number="R-1", role="President"
    )
    services.verify_membership(membership, actor=ogp_staff)
    assess(
        commitment_a, people[0], open_window, "not_started", organisation=membership.organisation
    )
    assess(commitment_a, people[1], open_window, "complete")
    assess(commitment_a, people[2], open_window, "complete")
    views = commitment_views(commitment_a, open_window)
    assert views.count == 3
    assert views.organisations_count == 1
    assert views.completion_organisations.median == 0
    assert views.completion_individuals.median == 3
    assert views.early_results_organisations.total == 1


def test_five_assessments_two_steps_below_the_official_account_make_it_contested(
    commitment_a, open_window, people, assess, civil_servant_a, civil_servant_b
):
    # Official 60 % -> substantial (step 2); public: 3 x not started, 2 x limited -> median 0.
    for person, code in zip(people, ["not_started"] * 3 + ["limited"] * 2, strict=False):
        assess(commitment_a, person, open_window, code)
    views = commitment_views(commitment_a, open_window)
    assert (views.official_step, views.completion.median, views.gap) == (2, 0, 2)
    assert views.contested
    flag = ContestedFlag.objects.get()
    assert (flag.commitment, flag.window, flag.official_step) == (commitment_a, open_window, 2)
    # The lead administration's civil servant is invited, the other administration's is not.
    invited = Notification.objects.filter(template="transparency/coeval/contested")
    assert [n.recipient for n in invited] == [civil_servant_a]
    event = TimelineEvent.objects.get(kind="assessment_contested")
    assert event.object_id == str(commitment_a.pk)


def test_the_invitation_is_sent_once_per_window(
    commitment_a, open_window, people, assess, civil_servant_a
):
    for person in people[:6]:
        assess(commitment_a, person, open_window, "not_started")
    assert ContestedFlag.objects.count() == 1
    assert Notification.objects.filter(template="transparency/coeval/contested").count() == 1


def test_four_assessments_are_not_enough_to_contest(commitment_a, open_window, people, assess):
    for person in people[:4]:
        assess(commitment_a, person, open_window, "not_started")
    views = commitment_views(commitment_a, open_window)
    assert views.gap == 2
    assert not views.contested
    assert not ContestedFlag.objects.exists()


def test_the_minimum_is_a_setting(commitment_a, open_window, people, assess, settings):
    settings.COEVAL_CONTESTED_MIN_ASSESSMENTS = 2
    for person in people[:2]:
        assess(commitment_a, person, open_window, "not_started")
    assert commitment_views(commitment_a, open_window).contested


def test_a_one_step_difference_is_not_contested(commitment_a, open_window, people, assess):
    for person in people[:6]:
        assess(commitment_a, person, open_window, "limited")
    views = commitment_views(commitment_a, open_window)
    assert views.gap == 1
    assert not views.contested


def test_the_public_can_contest_upwards_too(commitment_b, open_window, people, assess):
    # Official 0 % -> not started; the public says substantial (two steps above).
    for person in people[:5]:
        assess(commitment_b, person, open_window, "substantial")
    assert commitment_views(commitment_b, open_window).contested


def test_hidden_assessments_do_not_count(commitment_a, open_window, people, assess):
    made = [assess(commitment_a, person, open_window, "not_started") for person in people[:5]]
    made[0].is_hidden = True
    made[0].save(update_fields=["is_hidden"])
    views = commitment_views(commitment_a, open_window)
    assert views.count == 4
    assert not views.contested


def test_the_current_window_is_the_open_one_else_the_latest_closed(
    plan, open_window, closed_window
):
    assert aggregates.current_window(plan) == open_window
    open_window.delete()
    assert aggregates.current_window(plan) == closed_window
    closed_window.delete()
    assert aggregates.current_window(plan) is None


def test_the_plan_views_compute_every_commitment_in_a_fixed_number_of_queries(
    plan, commitment_a, commitment_b, open_window, people, assess, django_assert_max_num_queries
):
    for person in people[:5]:
        assess(commitment_a, person, open_window, "not_started")
        assess(commitment_b, person, open_window, "limited")
    with django_assert_max_num_queries(10):
        views = aggregates.plan_views(plan, open_window)
    by_number = {v.commitment.number: v for v in views}
    assert by_number[1].contested and not by_number[2].contested
    assert by_number[2].completion.median == 1
