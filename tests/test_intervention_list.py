"""The intervention register: the government's interventions in the council, from the seed's sources."""

import datetime
from html import unescape

import pytest
from django.conf import settings
from django.core.management import call_command

from deadlines import services
from deadlines.models import Intervention, InterventionKind, InterventionReview
from tests.factories import UserFactory
from tests.html import summary_rows

URL = "/interventions/"
MAX_QUERIES = 9


@pytest.fixture
def seeded(db):
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "seed.json"), verbosity=0)
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "interventions.json"), verbosity=0)


@pytest.fixture
def bromley_staff(seeded):
    return UserFactory(username="bromley.staff", staff=True, local_authority_id=1)


def test_staff_read_bromleys_statutory_direction_and_commissioner(client, bromley_staff):
    client.force_login(bromley_staff)
    html = client.get(URL).content.decode()
    assert "Statutory direction (s.497A Education Act 1996)" in html
    assert "Commissioner: Frankie Sulke" in html
    rows = summary_rows(html)
    assert rows["Ended"] == ("January 2019: The statutory direction was lifted after the November 2018 inspection", [])


def test_dates_the_sources_do_not_give_are_said_to_be_missing(client, bromley_staff):
    client.force_login(bromley_staff)
    html = unescape(client.get(URL).content.decode())
    assert "Neither gives the day the direction was issued" in html
    # The commissioner's report is dated by its month alone.
    assert "September 2017: The commissioner's report said that “good progress” was being made" in html


def test_the_register_links_to_the_inspection_that_led_to_it(client, bromley_staff):
    client.force_login(bromley_staff)
    assert 'href="/inspections/1/">SIF inspection, April 2016</a>' in client.get(URL).content.decode()


def test_every_fact_cites_a_source_from_the_register(seeded):
    register = (settings.BASE_DIR / "docs" / "sources.md").read_text()
    records = [*Intervention.objects.all(), *InterventionReview.objects.all()]
    assert len(records) == 3
    for record in records:
        # The source names come first, separated by semicolons, then what they leave unsaid.
        cited = record.source.split(". ")[0].split("; ")
        assert all(f"### {name}\n" in register for name in cited), cited


def test_another_authority_sees_none_of_it(client, seeded):
    client.force_login(UserFactory(username="essex.staff", staff=True, local_authority_id=2))
    html = client.get(URL).content.decode()
    assert "No government intervention or support has been recorded for the council." in html
    assert "Frankie Sulke" not in html


def test_a_current_interventions_next_report_is_a_deadline(client, bromley, leader):
    intervention = Intervention(
        local_authority=bromley,
        kind=InterventionKind.IMPROVEMENT_NOTICE,
        started_on=datetime.date(2026, 1, 5),
        requires="Quarterly progress reports to the Department.",
        next_report_due=datetime.date(2099, 1, 5),
    )
    services.save_intervention(intervention=intervention, author=leader)
    client.force_login(leader)
    html = client.get(URL).content.decode()
    assert "Progress report to the Department for Education: Improvement notice: 5 January 2099" in html
    assert "Record the submission" in html


@pytest.mark.parametrize("count", [1, 10])
def test_queries_are_bounded(client, bromley, leader, django_assert_max_num_queries, count):
    for n in range(count):
        intervention = Intervention(
            local_authority=bromley,
            kind=InterventionKind.DFE_ADVISER,
            started_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            next_report_due=datetime.date(2099, 1, 1),
        )
        services.save_intervention(intervention=intervention, author=leader)
    client.force_login(leader)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL)
    assert response.content.decode().count('id="intervention-') == count
