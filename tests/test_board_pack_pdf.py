"""The board pack as a PDF: a valid, tagged PDF made from the same HTML, whose text holds the headings and the
figures, with page numbers, a contents list and the date produced, in the system's fonts, fetching nothing."""

import datetime
import gc
import io
import re

import pypdf
import pytest
import tinyhtml5
from django.template.loader import render_to_string
from django.utils.formats import date_format
from weasyprint.text import line_break

from actions.models import Status
from actions.services import record_progress
from plans.packs import pdf as pack_pdf
from plans.packs.audiences import BOARD
from plans.packs.content import build_pack
from plans.packs.pdf import PackHTML, RefusedFetch, StaticFilesOnly, collector_paused, xml_tree
from tests.board_packs import ALL_NOTES, SINCE, TODAY, make_plan, pack_url, pdf_text
from tests.factories import ImprovementAreaFactory, MeasureValueFactory


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


def test_the_collector_stays_off_from_laying_out_a_pdf_to_writing_it(monkeypatch, area):
    # Back on between the two, it would go once through all that is laid out, all of it still in use.
    seen = []
    write = pack_pdf.write
    monkeypatch.setattr(pack_pdf, "write", lambda document: seen.append(gc.isenabled()) or write(document))
    pack = build_pack(local_authority=area.inspection.local_authority, audience=BOARD, since=SINCE, today=TODAY)

    assert pack_pdf.render_pdf(pack, base_url="http://testserver/").startswith(b"%PDF-")
    assert seen == [False]
    assert gc.isenabled()


def page_contents(pdf_bytes):
    return [page.get_contents().get_data() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages]


def drawn_both_ways(monkeypatch, render):
    """What `render` makes drawing from the lines' kept layouts, then from layouts WeasyPrint makes again."""
    kept = render()
    monkeypatch.setattr(line_break.Layout, "deactivate", pack_pdf.weasyprints_deactivate)
    monkeypatch.setattr(line_break.Layout, "reactivate", pack_pdf.weasyprints_reactivate)
    return kept, render()


def test_a_pack_drawn_from_the_layouts_kept_from_laying_it_out_is_drawn_as_weasyprint_would(
    monkeypatch, area, leader, staff_user, plan
):
    MeasureValueFactory(measure=plan["measure"], period_end=TODAY.replace(day=1) - datetime.timedelta(days=40))
    pack = build_pack(local_authority=area.inspection.local_authority, audience=BOARD, since=SINCE, today=TODAY)

    kept, made_again = drawn_both_ways(monkeypatch, lambda: pack_pdf.render_pdf(pack, base_url="http://testserver/"))

    assert len(page_contents(kept)) >= 4
    assert page_contents(kept) == page_contents(made_again)


def test_justified_text_is_drawn_with_its_word_spacing_as_weasyprint_would(monkeypatch):
    words = " ".join(["Timeliness of assessments for children in need"] * 12)
    html = f"<html lang='en-GB'><body><p style='text-align: justify; width: 60mm'>{words}</p></body></html>"

    def render():
        return PackHTML(html, base_url="http://testserver/", url_fetcher=StaticFilesOnly()).render().write_pdf()

    kept, made_again = drawn_both_ways(monkeypatch, render)

    assert page_contents(kept) == page_contents(made_again)
    # Drawn without the word spacing, the lines would differ.
    monkeypatch.setattr(line_break.Layout, "reactivate", lambda layout, style: None)
    monkeypatch.setattr(line_break.Layout, "deactivate", lambda layout: None)
    assert page_contents(render()) != page_contents(made_again)


def elements(tree):
    """Each element's name, attributes and text, less the namespace declarations the HTML5 parser keeps as
    attributes and the whitespace it moves around <head> and <body>, which neither lays out."""
    for element in tree.iter():
        attributes = {name: value for name, value in element.attrib.items() if "xmlns" not in name}
        outside_body = element.tag in ("html", "head", "body", "main")
        text, tail = (element.text, element.tail) if not outside_body else (None, None)
        yield element.tag, attributes, text, tail


def test_the_pdf_reads_the_packs_html_as_weasyprints_own_parser_would(area, leader, staff_user, plan):
    # Line breaks in the inspectors' words, characters HTML escapes, and a chart (SVG) with two values.
    ImprovementAreaFactory(
        inspection=area.inspection, number=2, text="Children's plans & reviews.\nSecond line: <not a tag>."
    )
    MeasureValueFactory(measure=plan["measure"], period_end=TODAY.replace(day=1) - datetime.timedelta(days=40))
    pack = build_pack(local_authority=area.inspection.local_authority, audience=BOARD, since=SINCE, today=TODAY)
    html = render_to_string("plans/packs/pack_pdf.html", {"pack": pack, "pdf": True})
    assert "<br" in html and "<svg" in html

    assert list(elements(xml_tree(html))) == list(elements(tinyhtml5.parse(html, namespace_html_elements=False)))


def test_a_control_character_pasted_into_a_note_prints_as_a_space(client, leader, staff_user, plan):
    # A vertical tab from a word processor: allowed in a note, but no font has a glyph for it.
    note = "Pasted from the minutes:\x0bpanel agreed."
    record_progress(action=plan["training"], author=staff_user, status=Status.IN_PROGRESS, note=note)
    client.force_login(leader)

    response = client.get(pack_url("board", pdf=True))

    assert response.status_code == 200
    assert "Pasted from the minutes: panel agreed." in " ".join(pdf_text(response).split())


def test_html_the_xml_parser_refuses_is_read_by_weasyprints_own():
    html = "<!DOCTYPE html><html lang='en-GB'><body><p>Caf&eacute;&nbsp;menu<p>Unclosed paragraph</body></html>"
    assert xml_tree(html) is None

    document = PackHTML(html, base_url="http://testserver/", url_fetcher=StaticFilesOnly()).render()

    text = pypdf.PdfReader(io.BytesIO(document.write_pdf())).pages[0].extract_text()
    assert "Café\xa0menu" in text and "Unclosed paragraph" in text
