"""A measure's owner adds its latest value, as they would in the browser, and sees its rating and chart change."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measures.models import month_end
from tests.factories import PASSWORD, MeasureFactory, MeasureValueFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_owner_adds_a_value_and_sees_the_rating_and_the_chart_change(sign_in, staff_user, bromley, screenshot):
    today = timezone.localdate()
    last_month, month_before = month_end(today, -1), month_end(today, -2)
    measure = MeasureFactory(
        local_authority=bromley,
        owner=staff_user,
        name="Return home interviews offered within 72 hours",
        baseline_value=Decimal("60"),
        baseline_date=today - datetime.timedelta(days=365),
        target_value=Decimal("90"),
        target_date=today + datetime.timedelta(days=365),
    )
    MeasureValueFactory(measure=measure, period_end=month_before, value=Decimal("65"), entered_by=staff_user)
    page = sign_in("staff", PASSWORD)

    page.get_by_role("link", name="Measures").click()
    page.get_by_role("link", name=measure.name).click()
    expect(page.get_by_text("Rating: Behind")).to_be_visible()
    points = page.locator("svg.app-chart circle")
    expect(points).to_have_count(1)
    screenshot(page, "staff-measure-behind")

    form = page.get_by_role("group", name="Period end")
    form.get_by_label("Day").fill(str(last_month.day))
    form.get_by_label("Month").fill(str(last_month.month))
    form.get_by_label("Year").fill(str(last_month.year))
    page.get_by_label("Value", exact=True).fill("80")
    page.get_by_role("button", name="Save value").click()

    expect(page.get_by_role("alert")).to_contain_text("Value saved")
    expect(page.get_by_text("Rating: On track")).to_be_visible()
    expect(points).to_have_count(2)
    values = page.get_by_role("table", name="Values, oldest first, with the value expected at each date")
    expect(values).to_contain_text("80%")
    screenshot(page, "staff-measure-on-track")
