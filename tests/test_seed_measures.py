"""The measures of the 2021 focused visit in the seed data, and the demo measures load_demo_measures adds."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command

from measures import demo
from measures.models import Impact, Measure

SEED = str(settings.BASE_DIR / "fixtures" / "seed.json")
REGISTER = settings.BASE_DIR / "docs" / "sources.md"
LETTER = "Ofsted focused visit letter, 19 October 2021"

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("loaddata", SEED, verbosity=0)


def test_the_letters_figures_are_measures_with_their_value_at_the_visit(seeded):
    figures = {
        measure.name: (measure.latest_value, measure.latest_date)
        for measure in Measure.objects.filter(source=LETTER).with_latest()
    }
    visit = datetime.date(2021, 9, 15)
    assert figures == {
        "Children's reviews held on time": (Decimal("95"), visit),
        "Children in care with an up-to-date medical": (Decimal("95"), visit),
        "Children in care under five with an up-to-date medical": (Decimal("100"), visit),
        "Permanent staff": (Decimal("84"), visit),
        "Permanent staff in the children looked after service": (Decimal("100"), visit),
    }


def test_every_seeded_measure_cites_a_source_the_register_names(seeded):
    headings = {
        line.removeprefix("### ").strip() for line in REGISTER.read_text().splitlines() if line.startswith("### ")
    }
    assert {measure.source for measure in Measure.objects.all()} <= headings


def test_the_demo_measures_show_every_rating_and_are_marked_as_demo(seeded, settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("load_demo_data", verbosity=0)
    call_command("load_demo_measures", verbosity=0)
    call_command("load_demo_measures", verbosity=0)

    demo_measures = Measure.objects.filter(source=demo.DEMO_SOURCE).with_impact()

    assert demo_measures.count() == len(demo.MEASURES)
    assert {m.impact for m in demo_measures} == set(Impact)
    assert all(m.values.count() >= 30 for m in demo_measures)
    assert {m.owner.username for m in demo_measures} == {"staff", "staff2"}
