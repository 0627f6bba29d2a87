"""A council's public page, /public/<la code>/: readable without signing in once a platform administrator has
switched it on, never before, and never showing anything of another council."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import PublicPdf
from plans.packs import pdf
from tests.board_packs import make_plan, pdf_text
from tests.factories import ActionItemFactory, ImprovementAreaFactory, InspectionFactory, UserFactory
from tests.html import headings, main_text, page_text

MAX_QUERIES = 20


@pytest.fixture
def plan(area, leader, staff_user):
    return make_plan(area, leader, staff_user)


@pytest.fixture
def published(bromley, plan):
    bromley.public_page = True
    bromley.save()
    return bromley


def test_it_is_off_until_switched_on(client, bromley, plan):
    for url in ("/public/305/", "/public/305/pdf/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_anyone_reads_it_once_switched_on_without_signing_in(client, published):
    response = client.get("/public/305/")
    assert response.status_code == 200
    assert headings(response, 1) == ["Improving children's services: our progress"]
    text = main_text(response)
    assert "This is Bromley's plan to improve its children's services" in text
    assert "Audit return home interviews" in text


def test_its_banner_does_not_send_the_public_to_an_improvement_lead(client, published):
    text = page_text(client.get("/public/305/"))
    assert "To tell Bromley what would make it better, contact the council." in text
    assert "improvement lead" not in text


def test_it_offers_its_pdf_to_anyone(client, published):
    response = client.get("/public/305/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert "Audit return home interviews" in pdf_text(response)


def test_its_pdf_is_made_once_a_day_and_the_same_one_given_to_everyone(
    client, published, monkeypatch, django_assert_max_num_queries
):
    made = []
    render_pdf = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda *args, **kwargs: made.append(1) or render_pdf(*args, **kwargs))

    first = client.get("/public/305/pdf/").content
    with django_assert_max_num_queries(4):
        again = client.get("/public/305/pdf/").content

    assert len(made) == 1 and again == first
    PublicPdf.objects.update(produced_on=timezone.localdate() - datetime.timedelta(days=1))
    client.get("/public/305/pdf/")
    assert len(made) == 2


def test_its_kept_pdf_is_not_given_once_switched_off(client, published):
    client.get("/public/305/pdf/")
    published.public_page = False
    published.save()

    assert client.get("/public/305/pdf/").status_code == 404


def test_it_shows_nothing_of_another_council(client, published, essex):
    essex_area = ImprovementAreaFactory(inspection=InspectionFactory(local_authority=essex), short_title="Essex area")
    ActionItemFactory(improvement_area=essex_area, title="Essex's own action")
    essex.public_page = True
    essex.save()
    bromley_page = main_text(client.get("/public/305/"))
    assert "Essex's own action" not in bromley_page and "Essex area" not in bromley_page
    essex_page = main_text(client.get("/public/881/"))
    assert "Essex's own action" in essex_page
    assert "Audit return home interviews" not in essex_page


def test_an_unknown_code_is_not_found(client, published):
    assert client.get("/public/999/").status_code == 404


def test_a_platform_administrator_switches_it_on_in_the_admin(client, bromley, plan):
    client.force_login(UserFactory(username="root", platform_administrator=True))
    url = reverse("admin:accounts_localauthority_change", args=[bromley.pk])
    response = client.post(url, {"name": "Bromley", "code": "305", "region": "London", "public_page": "on"})
    assert response.status_code == 302
    client.logout()
    assert client.get("/public/305/").status_code == 200


def test_a_councils_administrator_cannot_switch_it_on(client, administrator, bromley, plan):
    client.force_login(administrator)
    url = reverse("admin:accounts_localauthority_change", args=[bromley.pk])
    client.post(url, {"name": "Bromley", "code": "305", "region": "London", "public_page": "on"})
    bromley.refresh_from_db()
    assert bromley.public_page is False


def test_the_queries_do_not_grow_with_the_actions(client, published, area, staff_user, django_assert_max_num_queries):
    ActionItemFactory.create_batch(30, improvement_area=area, owner=staff_user)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/public/305/").status_code == 200
