"""A board pack as a tagged PDF, made on the server by WeasyPrint from the same HTML as its web page.

PDF/UA-1 gives a tagged PDF (headings, tables with their headers, the document's language and title) that a
screen reader can read. Nothing is fetched at run time: the URL fetcher serves the service's own static files
from disk and refuses everything else, and the fonts are the system's (DejaVu), never GDS Transport.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .audiences import PUBLIC

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


def render_pdf(pack, *, base_url):
    """The pack's PDF as bytes. `base_url` (the service's address) resolves its links and static files."""
    return laid_out(pack, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)


def laid_out(pack, *, base_url):
    """The pack's HTML laid out in pages by WeasyPrint (a weasyprint.Document), before it is written as a PDF."""
    html = render_to_string("plans/packs/pack_pdf.html", {"pack": pack, "pdf": True})
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly()).render()


def filename(pack):
    """ "bromley-improvement-board-pack-2026-12-01.pdf" """
    return _filename(pack.local_authority, pack.audience, pack.today)


def public_filename(local_authority, today):
    return _filename(local_authority, PUBLIC, today)


def _filename(local_authority, audience, today):
    return f"{slugify(local_authority.name)}-{slugify(audience.name)}-pack-{today:%Y-%m-%d}.pdf"
