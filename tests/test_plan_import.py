"""Import a plan: the page with the template and the upload, for leaders of the inspection's council."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.importing import reading
from plans.importing.template_file import template_bytes
from plans.models import PendingImport
from plans.tests.spreadsheets import HEADINGS, xlsx
from tests.html import error_summary, field_error, labels, links, main_text

ROW = ["1", "Area", "Action", "leader", "31/03/2027"]


def url(inspection):
    return f"/inspections/{inspection.pk}/import/"


def test_leaders_see_import_a_plan_on_the_inspections_page(client, leader, inspection):
    client.force_login(leader)
    assert ("Import a plan", url(inspection)) in links(client.get(f"/inspections/{inspection.pk}/"))


def test_staff_do_not_see_it_and_may_not_import(client, staff_user, inspection):
    client.force_login(staff_user)
    assert "Import a plan" not in main_text(client.get(f"/inspections/{inspection.pk}/"))
    assert client.get(url(inspection)).status_code == 403


def test_another_councils_leader_finds_no_such_inspection(client, other_leader, inspection):
    client.force_login(other_leader)
    assert client.get(url(inspection)).status_code == 404


def test_the_page_offers_the_template_and_the_upload(client, leader, inspection):
    client.force_login(leader)
    response = client.get(url(inspection))
    assert ("Download the template", f"{url(inspection)}template.xlsx") in links(response)
    assert "Spreadsheet" in labels(response)
    assert "Upload and check" in main_text(response)


def test_the_template_has_the_headings_the_import_reads_and_one_example_row(client, leader, inspection):
    client.force_login(leader)
    response = client.get(f"{url(inspection)}template.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="action-plan-template.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Recommendation number", "Recommendation", "Action", "Description", "Owner")
    assert len(rows) == 2
    table = reading.read_table("template.xlsx", response.content)
    assert table.headings == list(rows[0])


def test_an_upload_goes_on_to_its_preview_and_is_kept_in_the_database(client, leader, inspection):
    client.force_login(leader)
    response = client.post(url(inspection), {"spreadsheet": SimpleUploadedFile("plan.xlsx", xlsx([HEADINGS, ROW]))})
    pending = PendingImport.objects.get()
    assert response.url == f"{url(inspection)}{pending.pk}/"
    assert (pending.file_name, pending.uploaded_by, pending.rows) == ("plan.xlsx", leader, [[2, ROW]])


def test_no_file_chosen(client, leader, inspection):
    client.force_login(leader)
    response = client.post(url(inspection), {})
    assert error_summary(response) == ["Select a spreadsheet"]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("plan.xlsx", b"PK\x03\x04 not really", reading.BROKEN_XLSX),
        ("plan.xls", b"\xd0\xcf\x11\xe0", reading.XLS),
        ("plan.xlsm", xlsx([HEADINGS, ROW]), reading.XLSM),
        ("photo.png", b"\x89PNG\r\n", reading.NOT_A_SPREADSHEET),
        ("plan.csv", b"a,b\n1,2\n", reading.NO_HEADINGS),
        ("plan.csv", b"\x00\x00\x00", reading.BROKEN_CSV),
    ],
    ids=["broken-xlsx", "xls", "xlsm", "image", "no-headings", "binary"],
)
def test_a_bad_file_gets_its_message_beside_the_field_never_a_500(client, leader, inspection, name, data, message):
    client.force_login(leader)
    response = client.post(url(inspection), {"spreadsheet": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert message in field_error(response, "spreadsheet")
    assert not PendingImport.objects.exists()


def test_a_file_over_5_mb_is_refused(client, leader, inspection):
    client.force_login(leader)
    big = SimpleUploadedFile("plan.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = client.post(url(inspection), {"spreadsheet": big})
    assert error_summary(response) == ["The selected file must be smaller than 5 MB"]


def test_a_new_upload_drops_uploads_older_than_a_day(client, leader, inspection):
    client.force_login(leader)
    old = PendingImport.objects.create(inspection=inspection, uploaded_by=leader, file_name="old.xlsx")
    PendingImport.objects.filter(pk=old.pk).update(uploaded_at="2020-01-01T00:00:00Z")
    client.post(url(inspection), {"spreadsheet": SimpleUploadedFile("plan.xlsx", xlsx([HEADINGS, ROW]))})
    assert list(PendingImport.objects.values_list("file_name", flat=True)) == ["plan.xlsx"]


def test_the_upload_page_takes_a_bounded_number_of_queries(client, leader, inspection, django_assert_max_num_queries):
    client.force_login(leader)
    # Session, user, inspection, permissions, the header's council, and the session's save.
    with django_assert_max_num_queries(8):
        client.get(url(inspection))


def test_the_readmes_copy_of_the_template_is_the_one_the_page_offers(settings):
    def contents(data):
        return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))

    committed = (Path(settings.BASE_DIR) / "docs" / "action-plan-template.xlsx").read_bytes()
    assert contents(committed) == contents(template_bytes("staff"))
