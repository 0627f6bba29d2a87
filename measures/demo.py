"""Demo measures and three years of monthly values, which `manage.py load_demo_measures` creates.

None of this is real: the figures are invented so that the scorecard has something believable to show,
and every demo measure says so in its source. Dates are given relative to today, so whatever day the demo
is loaded it shows a measure on track, one behind, one off track, one met and one with no recent data.
"""

from dataclasses import dataclass, field

DEMO_SOURCE = "Demo data: invented figures, created by manage.py load_demo_measures, not the council's own."
BROMLEY = "305"
MONTHS = 36
# A small, repeating month-to-month wobble, so that the lines look like real figures.
WOBBLE = [0.9, -0.6, 1.4, -1.1, 0.4, -0.2, 1.0, -1.3, 0.7, 0.0, -0.8, 1.2]


@dataclass(frozen=True)
class DemoMeasure:
    name: str
    description: str
    owner: str
    baseline: float
    target: float
    # How far along the line from baseline to target the values get by now (1 is on the line).
    progress: float
    direction: str = "higher"
    unit: str = "percentage"
    # Months since the last value (no recent data when above two).
    months_since_last: int = 1
    # Improvement areas of fixtures/seed.json it evidences (by primary key) and their themes.
    area_pks: list = field(default_factory=list)
    theme_pks: list = field(default_factory=list)
    numerator: str = ""
    denominator: str = ""


MEASURES = [
    DemoMeasure(
        "Return home interviews offered within 72 hours",
        "Children back from a missing episode who were offered a return home interview within 72 hours.",
        "staff",
        baseline=58,
        target=90,
        progress=0.85,
        area_pks=[2, 7],
        theme_pks=[1],
        numerator="Missing episodes followed by an interview offered within 72 hours",
        denominator="Missing episodes that ended in the month",
    ),
    DemoMeasure(
        "Return home interviews that took place",
        "Return home interviews offered that the child took up.",
        "staff",
        baseline=45,
        target=75,
        progress=0.55,
        area_pks=[2, 7],
        theme_pks=[1],
    ),
    DemoMeasure(
        "Secondary-aged children in care attending school 90% of the time or more",
        "Children in care of secondary school age whose attendance this term is 90% or more.",
        "staff2",
        baseline=71,
        target=85,
        progress=-0.3,
        area_pks=[4],
        theme_pks=[4],
    ),
    DemoMeasure(
        "Care leavers given their health history",
        "Care leavers aged 18 who have been given a copy of their health history.",
        "staff2",
        baseline=40,
        target=80,
        progress=1.6,
        area_pks=[5],
        theme_pks=[3],
    ),
    DemoMeasure(
        "Days from a homeless 16- or 17-year-old's referral to their assessment",
        "The average number of days from a referral to the completed joint assessment.",
        "staff",
        baseline=21,
        target=10,
        progress=0.8,
        direction="lower",
        unit="days",
        months_since_last=5,
        area_pks=[3],
        theme_pks=[2],
    ),
]
