import datetime

import pytest

from transparency.models import Commitment, Milestone
from transparency.plan.progress import plan_progress, weighted_progress

from .factories import CommitmentFactory, MilestoneFactory, ThemeFactory

TODAY = datetime.date(2026, 6, 15)
PAST = datetime.date(2026, 6, 1)
FUTURE = datetime.date(2026, 12, 31)
S = Milestone.Status


def test_weighted_progress_weights_milestones_and_ignores_cancelled():
    rows = [(3, 100, S.COMPLETED), (1, 20, S.IN_PROGRESS), (5, 0, S.CANCELLED)]
    assert weighted_progress(rows) == pytest.approx((300 + 20) / 4)


def test_weighted_progress_of_nothing_is_zero():
    assert weighted_progress([]) == 0.0
    assert weighted_progress([(2, 50, S.CANCELLED)]) == 0.0


@pytest.fixture
def known_plan(plan, administration_a):
    """Theme X: c1 = 80 (weights 3×100, 1×20 -> 320/4), c2 = 40; theme Y: c3 = 0 (no milestone).

    Theme X = 60, theme Y = 0, plan = mean(80, 40, 0) = 40.
    """
    x = ThemeFactory(plan=plan, order=1)
    y = ThemeFactory(plan=plan, order=2)
    c1 = CommitmentFactory(plan=plan, number=1, theme=x, lead_administration=administration_a)
    c2 = CommitmentFactory(plan=plan, number=2, theme=x, lead_administration=administration_a)
    c3 = CommitmentFactory(plan=plan, number=3, theme=y, lead_administration=administration_a)
    MilestoneFactory(commitment=c1, weight=3, progress=100, status=S.COMPLETED, due_date=PAST)
    MilestoneFactory(commitment=c1, weight=1, progress=20, status=S.IN_PROGRESS, due_date=FUTURE)
    MilestoneFactory(commitment=c1, weight=9, progress=0, status=S.CANCELLED, due_date=PAST)
    MilestoneFactory(commitment=c2, weight=1, progress=40, status=S.IN_PROGRESS, due_date=PAST)
    return {"x": x, "y": y, "c1": c1, "c2": c2, "c3": c3}


def test_progress_rolls_up_from_milestones_to_themes_and_plan(plan, known_plan):
    result = plan_progress(plan, today=TODAY)
    by_id = {row.commitment.pk: row.progress for row in result.commitments}
    assert by_id == {known_plan["c1"].pk: 80.0, known_plan["c2"].pk: 40.0, known_plan["c3"].pk: 0.0}
    assert [(t.theme, t.progress) for t in result.themes] == [
        (known_plan["x"], 60.0),
        (known_plan["y"], 0.0),
    ]
    assert result.progress == 40.0


def test_commitment_progress_property_matches_the_roll_up(known_plan):
    assert known_plan["c1"].progress == 80.0
    assert known_plan["c3"].progress == 0.0


def test_a_commitment_with_a_late_unfinished_milestone_is_off_track(plan, known_plan):
    # c1's past milestone is completed and its other past one cancelled: on track.
    off = Commitment.objects.off_track(today=TODAY)
    assert list(off) == [known_plan["c2"]]
    assert set(Commitment.objects.on_track(today=TODAY)) == {known_plan["c1"], known_plan["c3"]}
    result = plan_progress(plan, today=TODAY)
    assert [r.commitment for r in result.commitments if r.off_track] == [known_plan["c2"]]
    assert result.off_track_count == 1


def test_a_milestone_due_today_is_not_late_yet(commitment_a):
    MilestoneFactory(commitment=commitment_a, due_date=TODAY, status=S.IN_PROGRESS)
    assert not Commitment.objects.off_track(today=TODAY).exists()
    assert Commitment.objects.off_track(today=TODAY + datetime.timedelta(days=1)).exists()


def test_completing_the_late_milestone_puts_the_commitment_back_on_track(known_plan):
    Milestone.objects.filter(commitment=known_plan["c2"]).update(status=S.COMPLETED, progress=100)
    assert not Commitment.objects.off_track(today=TODAY).exists()
