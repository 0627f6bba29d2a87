"""The scorecard and every value, as CSV and XLSX, filtered as the page is."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import CorrectionFactory, MeasureFactory, MeasureValueFactory


@pytest.fixture
def measures(bromley, staff_user):
    kept = MeasureFactory(local_authority=bromley, name="Reviews held on time", owner=staff_user)
    value = MeasureValueFactory(measure=kept, period_end=datetime.date(2025, 6, 30), value=Decimal("72.5"))
    CorrectionFactory(measure_value=value)
    other = MeasureFactory(local_authority=bromley, name="=HYPERLINK(1)")
    return kept, other


def read_csv(response):
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_the_scorecard_downloads_as_csv_with_each_measures_rating(client, staff_user, measures):
    client.force_login(staff_user)
    rows = read_csv(client.get(reverse("measure_export", args=["csv"])))
    by_name = {row["Measure"]: row for row in rows}
    assert by_name["Reviews held on time"]["Latest value"] == "72.5"
    assert by_name["Reviews held on time"]["Rating"] in {"Met", "On track", "Behind", "Off track", "No data"}
    assert "'=HYPERLINK(1)" in by_name  # never run as a formula


def test_the_download_follows_the_pages_filters(client, staff_user, measures):
    client.force_login(staff_user)
    rows = read_csv(client.get(reverse("measure_export", args=["csv"]), {"owner": staff_user.pk}))
    assert [row["Measure"] for row in rows] == ["Reviews held on time"]


def test_every_value_downloads_as_xlsx_with_its_corrections_counted(client, staff_user, measures):
    client.force_login(staff_user)
    response = client.get(reverse("measure_values_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    record = dict(zip(header, rows[0], strict=True))
    assert record["Measure"] == "Reviews held on time"
    assert record["Value"] == 72.5
    assert record["Corrections"] == 1
    assert response["Content-Disposition"].startswith('attachment; filename="measure-values-')


@pytest.mark.parametrize("count", [1, 20])
def test_the_downloads_run_bounded_queries(client, staff_user, bromley, count, django_assert_max_num_queries):
    for n in range(count):
        measure = MeasureFactory(local_authority=bromley)
        MeasureValueFactory(measure=measure, period_end=datetime.date(2025, 1 + n % 12, 28))
    client.force_login(staff_user)
    for name in ("measure_export", "measure_values_export"):
        with django_assert_max_num_queries(8):
            response = client.get(reverse(name, args=["csv"]))
            b"".join(response.streaming_content)
