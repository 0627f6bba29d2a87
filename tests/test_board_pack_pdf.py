"""The board pack as a PDF: a valid, tagged PDF made from the same HTML, whose text holds the headings and the
figures, with page numbers, a contents list and the date produced, in the system's fonts, fetching nothing."""

import gc
import io
import re

import pypdf
import pytest
from django.utils.formats import date_format

from plans.packs.pdf import RefusedFetch, StaticFilesOnly, collector_paused
from tests.board_packs import ALL_NOTES, TODAY, make_plan, pack_url, pdf_text


@pytest.fixture
def plan(area, leader, staff_user):
    return make_plan(area, leader, staff_user)


@pytest.fixture
def board_pdf(client, leader, plan):
    client.force_login(leader)
    return client.get(pack_url("board", pdf=True))


def reader(response):
    return pypdf.PdfReader(io.BytesIO(response.content))


def fonts(pdf):
    names = set()
    for page in pdf.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_it_is_a_pdf_named_for_the_authority_audience_and_day(board_pdf):
    assert board_pdf.status_code == 200
    assert board_pdf["Content-Type"] == "application/pdf"
    assert board_pdf.content.startswith(b"%PDF-")
    assert (
        board_pdf["Content-Disposition"] == f'inline; filename="bromley-improvement-board-pack-{TODAY:%Y-%m-%d}.pdf"'
    )
    assert len(reader(board_pdf).pages) >= 4


def test_it_is_tagged_with_its_language_and_title_for_screen_readers(board_pdf):
    pdf = reader(board_pdf)
    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert pdf.metadata.title == f"Improvement board pack: Bromley, {date_format(TODAY)}"


def test_its_text_holds_the_headings_and_the_figures(board_pdf):
    # Words as they run on, whichever line of a table cell they were set on.
    text = " ".join(pdf_text(board_pdf).split())
    for heading in ("Improvement board pack", "Contents", "Summary", "Exceptions", "1. Return home interviews"):
        assert heading in text
    assert "Completed and signed off since" in text
    # The delivery table: each rating then, now and its movement.
    assert re.search(r"Red\s+0\s+2\s+\+2", text)
    assert re.search(r"Complete\s+0\s+1\s+\+1", text)
    assert "3 actions: 2 red, 0 amber, 0 green, 1 complete (33% signed off); 1 overdue." in text
    assert "Audit return home interviews" in text and "Return home interviews offered within 72 hours" in text


def test_every_page_is_numbered_the_contents_give_pages_and_the_date_produced_is_on_it(board_pdf):
    pages = [page.extract_text() for page in reader(board_pdf).pages]
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert re.search(r"Summary \.+ \d+", pages[1])
    assert f"Improvement board pack, produced {date_format(TODAY)}" in pages[2]


def test_it_uses_the_system_fonts_never_gds_transport(board_pdf):
    names = fonts(reader(board_pdf))
    assert names and all("DejaVu" in name for name in names), names
    assert not [name for name in names if "Transport" in name]


def test_the_public_pdf_holds_no_staff_name_and_no_note(client, leader, staff_user, plan):
    # Names that no other word of the pack could be (a generated "Green" would be a rating's word).
    for user, (first, last) in ((staff_user, ("Ayesha", "Quarshie")), (leader, ("Morwenna", "Trelawny"))):
        user.first_name, user.last_name = first, last
        user.save()
    client.force_login(leader)
    text = " ".join(pdf_text(client.get(pack_url("public", pdf=True))).split())
    assert "Improving children's services: our progress" in text
    for name in (str(staff_user), str(leader), staff_user.last_name, leader.last_name):
        assert name not in text
    for note in ALL_NOTES:
        assert note not in text


def test_a_bad_choice_gives_the_form_not_a_pdf(client, leader, plan):
    client.force_login(leader)
    response = client.get("/board-packs/pdf/?audience=board")
    assert response["Content-Type"].startswith("text/html")
    assert "Enter the date to show changes since" in response.content.decode()


def test_the_fetcher_serves_the_services_static_files_from_disk():
    response = StaticFilesOnly().fetch("http://tracker.example/static/plans/pack.css")
    assert b"@page" in response.read()
    response.close()


@pytest.mark.parametrize(
    "url",
    [
        "https://fonts.example/gds-transport.woff2",
        "http://tracker.example/media/upload.png",
        "file:///etc/passwd",
        "http://tracker.example/static/../../settings.py",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(RefusedFetch):
        StaticFilesOnly().fetch(url)


def test_pythons_collector_is_back_on_once_the_last_pdf_in_hand_is_done(board_pdf):
    assert board_pdf.status_code == 200
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_pythons_collector_is_back_on_when_a_pdf_fails():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("WeasyPrint failed")
    assert gc.isenabled()
