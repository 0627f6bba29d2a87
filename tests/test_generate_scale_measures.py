"""generate_scale_measures: about 20 measures per generated authority, three years of monthly values each."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from measures.models import Impact, Measure, MeasureValue
from tests.factories import UserFactory


@pytest.fixture
def generated(db, bromley, monkeypatch, settings):
    monkeypatch.setenv("DEMO_PASSWORD", "scale-test-password")
    call_command(
        "generate_scale_data", authorities=2, actions_per_authority=5, updates_per_action=2, stdout=StringIO()
    )
    out = StringIO()
    call_command("generate_scale_measures", stdout=out)
    return out.getvalue()


def test_each_generated_authority_gets_twenty_measures_with_three_years_of_values(generated, bromley):
    per_authority = dict(Measure.objects.values_list("local_authority__code").annotate(n=Count("pk")))
    assert per_authority == {"500": 20, "501": 20}
    counts = set(Measure.objects.annotate(n=Count("values")).values_list("n", flat=True))
    assert counts <= set(range(30, 37)) and 36 in counts
    assert "Added 40 measures" in generated


def test_the_generated_rows_keep_the_services_rules(generated):
    assert not MeasureValue.objects.filter(unit="percentage", value__gt=100).exists()
    for measure in Measure.objects.select_related("owner"):
        assert measure.owner.local_authority_id == measure.local_authority_id
        assert measure.target_date >= measure.baseline_date
    ratings = set(Measure.objects.with_impact().values_list("impact_value", flat=True))
    assert len(ratings) >= 3 and ratings <= set(Impact.values)


def test_running_it_again_adds_nothing(generated):
    before = MeasureValue.objects.count()
    call_command("generate_scale_measures", stdout=StringIO())
    assert MeasureValue.objects.count() == before


def test_bromley_is_left_alone(generated, bromley):
    UserFactory(local_authority=bromley)
    assert not Measure.objects.filter(local_authority=bromley).exists()
