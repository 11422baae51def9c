import pytest

from ogp_portal.accounts import demo as accounts_demo
from ogp_portal.directory import demo as directory_demo
from transparency import stats
from transparency.models import ActionPlan, Commitment, Idea, IrmRating, OgpValue
from transparency.plan import demo, scales
from transparency.plan.progress import plan_progress

pytestmark = pytest.mark.django_db


def test_the_irm_scales_and_ogp_values_are_data_and_seeding_is_idempotent():
    scales.ensure_reference_data()
    scales.ensure_reference_data()
    assert IrmRating.objects.filter(scale="completion").count() == 4
    assert IrmRating.objects.filter(scale="early_results").count() == 5
    assert IrmRating.objects.filter(scale="potential").count() == 3
    assert OgpValue.objects.count() == 4
    assert list(IrmRating.objects.filter(scale="completion").values_list("code", flat=True)) == [
        "not_started",
        "limited",
        "substantial",
        "complete",
    ]


def test_the_demo_builds_the_2018_2020_plan_at_about_84_percent_and_is_idempotent(settings):
    import io

    out = io.StringIO()
    directory_demo.seed(out)
    accounts_demo.seed(out)
    demo.seed(out)
    demo.seed(out)
    plan = ActionPlan.objects.get(slug="2018-2020")
    assert plan.commitments.count() == 18
    assert 83 <= plan_progress(plan).progress <= 85
    assert Commitment.objects.filter(plan__slug="2024-2027").exists()
    assert set(Idea.objects.values_list("status", flat=True)) == {
        "submitted",
        "accepted",
        "merged",
        "rejected",
    }
    assert all(i.response for i in Idea.objects.exclude(status="submitted"))


def test_the_area_has_three_figures_and_latest_updates(plan, commitment_a):
    figures = stats.figures()
    assert len(figures) == 3
    assert figures[2].value == 1
    assert stats.latest() == []
