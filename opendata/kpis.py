"""Commitment 4's indicators: datasets and adopting publishers against the December 2021
baseline (203 datasets, 22 producers) and the doubling target."""

from dataclasses import dataclass
from datetime import date

BASELINE_DATE = date(2021, 12, 31)
BASELINE_DATASETS = 203
BASELINE_PUBLISHERS = 22
TARGET_DATASETS = 2 * BASELINE_DATASETS
TARGET_PUBLISHERS = 2 * BASELINE_PUBLISHERS


@dataclass(frozen=True)
class Progress:
    value: int
    baseline: int
    target: int

    @property
    def percent_of_target(self) -> int:
        return int(self.value * 100 // self.target) if self.target else 0

    @property
    def percent_of_growth(self) -> int:
        """How much of the promised growth (baseline → target) is done, 0 to 100."""
        span = self.target - self.baseline
        if span <= 0:
            return 100
        return max(0, min(100, int((self.value - self.baseline) * 100 // span)))

    @property
    def reached(self) -> bool:
        return self.value >= self.target


def cumulative_by_year(dates, years) -> list[tuple[int, int]]:
    """How many of `dates` fall on or before 31 December of each year."""
    dates = sorted(d for d in dates if d is not None)
    result = []
    for year in years:
        end = date(year, 12, 31)
        result.append((year, sum(1 for d in dates if d <= end)))
    return result


def progress(value: int, baseline: int, target: int) -> Progress:
    return Progress(value=value, baseline=baseline, target=target)
