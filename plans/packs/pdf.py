"""A board pack as a tagged PDF, made on the server by WeasyPrint from the same HTML as its web page.

PDF/UA-1 gives a tagged PDF (headings, tables with their headers, the document's language and title) that a
screen reader can read. Nothing is fetched at run time: the URL fetcher serves the service's own static files
from disk and refuses everything else, and the fonts are the system's (DejaVu), never GDS Transport.
"""

import contextlib
import gc
import mimetypes
import re
import threading
import xml.etree.ElementTree as ET
import zlib
from urllib.parse import unquote, urlsplit

import cssselect2
import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA
from weasyprint.text import line_break
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"


class RefusedFetch(ValueError):
    """A board pack asked for something that is not one of the service's own static files."""


class StaticFilesOnly(URLFetcher):
    """Serves /static/ paths from the static files on disk; refuses the network and every other file."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "file") and parts.path.startswith(settings.STATIC_URL):
            name = unquote(parts.path.removeprefix(settings.STATIC_URL))
            if ".." in name.split("/"):
                raise RefusedFetch(f"A board pack fetches only the service's static files, not {url}")
            # The source files while developing; the collected (and hashed) ones once deployed.
            found = finders.find(name) or (staticfiles_storage.exists(name) and staticfiles_storage.path(name))
            if found:
                content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(url, open(found, "rb"), {"Content-Type": content_type})  # noqa: SIM115
        raise RefusedFetch(f"A board pack fetches only the service's static files, not {url}")


# WeasyPrint's own rules for every element, less those for footnotes and notes (`float: footnote`, `note()`),
# which a pack has none of. Those match every element, so each of a large pack's 20,000 elements got six
# pseudo-element styles more, to no effect on the page: up to 1.5 s and 150 MB of a 1,000-action pack.
_UA_WITHOUT_NOTES = CSS(string=re.sub(r"^::(footnote|note)-.*$", "", UA, flags=re.M), counter_style=CounterStyle())


# HTML's void elements, written as XML's empty ones.
_VOID_ELEMENT = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b([^>]*?)\s*/?>")


def xml_tree(html):
    """The pack's HTML as the tree WeasyPrint's HTML5 parser would make of it, read by the XML parser, or None
    when the HTML is not also well-formed XML (a character XML refuses, say, in someone's text).

    A pack's templates write well-formed markup (charts' SVG with its namespace), and Python's XML parser reads
    a 1,000-action pack's 1.3 MB in a tenth of the second the HTML5 parser takes."""
    try:
        return ET.fromstring(_VOID_ELEMENT.sub(r"<\1\2 />", html))
    except ET.ParseError:
        return None


class PackHTML(HTML):
    """A pack's HTML for WeasyPrint, with its user agent rules less those for footnotes and notes, read by
    the XML parser where it can be (`xml_tree`) and by WeasyPrint's own otherwise."""

    def __init__(self, string, *, base_url, url_fetcher):
        tree = xml_tree(string)
        if tree is None:
            super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
            return
        # What HTML.__init__ sets once it has parsed; a pack has no <base>.
        self.base_url = base_url
        self.url_fetcher = url_fetcher
        self.media_type = "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
        self.etree_element = self.wrapper_element.etree_element

    def _ua_stylesheets(self, forms=False):
        return [_UA_WITHOUT_NOTES]


def _page_references(pdf):
    """pydyf's list of the PDF's pages, made once for each number of pages rather than on every use: WeasyPrint
    asks for it for each of the tens of thousands of tags of a PDF/UA document, and pydyf makes it anew each
    time, going through every page (over half a second of a 1,000-action pack)."""
    kids = pdf.pages["Kids"]
    made = pdf.__dict__.get("_pack_page_references")
    if made is None or made[0] != len(kids):
        made = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_pack_page_references"] = made
    return made[1]


pydyf.PDF.page_references = property(_page_references)


class _Zlib:
    """zlib for pydyf, which asks for level 9 for every stream: zlib's default level, whatever it asks, makes
    a PDF about 3% larger in half a second less for a 1,000-action pack."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level=None, **kwargs):
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, **kwargs)


pydyf.zlib = _Zlib

# WeasyPrint's own, which free each line's Pango layout once the line is laid out and make it again to draw it.
weasyprints_deactivate = line_break.Layout.deactivate
weasyprints_reactivate = line_break.Layout.reactivate


def _keep_for_drawing(layout):
    """Instead of `weasyprints_deactivate`: the line's layout is kept until it is drawn."""


def _reactivate(layout, style):
    """A line's Pango layout, kept from laying it out, made ready to draw.

    WeasyPrint frees each line's layout once the line is laid out and makes and shapes it again to draw it: about
    half a second of a 1,000-action pack's writing, to hold some 30 MB less while the pack is in hand. A kept
    layout holds the text and style the line was laid out in, which are what WeasyPrint would make it again from;
    it is made again only where drawing needs it otherwise: justified text (drawn with its extra word spacing)
    or another style."""
    if layout.justification_spacing or style is not layout.style:
        weasyprints_reactivate(layout, style)


line_break.Layout.deactivate = _keep_for_drawing
line_break.Layout.reactivate = _reactivate

_pauses = 0
_pauses_lock = threading.Lock()
_collector_was_enabled = True


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while WeasyPrint works, back as it was once no pack is in hand.

    Laying out a large pack makes millions of objects that live until it is written, and the collector would
    go through all of them again and again (a third of a 1,000-action pack's time); once it is back it frees
    what the pack left in one pass. The collector is the process's, so the first of several packs made at once
    pauses it and the last one done puts it back."""
    global _pauses, _collector_was_enabled
    with _pauses_lock:
        if not _pauses:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if not _pauses and _collector_was_enabled:
                gc.enable()


def render_pdf(pack, *, base_url):
    """The pack's PDF as bytes. `base_url` (the service's address) resolves its links and static files."""
    # One pause for both steps: the collector back on between them would go once through everything laid out
    # (a quarter of a second of a 1,000-action pack), all of it still in use.
    with collector_paused():
        return write(laid_out(pack, base_url=base_url))


# Control characters (pasted from a word processor, say) have no glyph: each would print as a box, and XML
# refuses them. A space stands for each.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def laid_out(pack, *, base_url):
    """The pack's HTML laid out in pages by WeasyPrint (a weasyprint.Document), before it is written as a PDF."""
    html = _CONTROL_CHARACTER.sub(" ", render_to_string("plans/packs/pack_pdf.html", {"pack": pack, "pdf": True}))
    with collector_paused():
        return PackHTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly()).render()


def write(document):
    """A laid-out pack (from `laid_out`) as a tagged PDF's bytes."""
    with collector_paused():
        return document.write_pdf(pdf_variant=PDF_VARIANT)
