"""Board pack pages: "Create a board pack", the pack as a web page and as a PDF, and a council's public page.

A pack is made from its form's answers in the address (?audience=...&since_0=...), so a link to it can be
kept and opened again; nothing is stored.
"""

import functools

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts import rules
from accounts.models import LocalAuthority

from . import published
from .audiences import PUBLIC, pdf_filename
from .content import build_pack, default_since
from .forms import BoardPackForm


def _check_leader(request):
    if not rules.can_create_board_pack(request.user):
        raise PermissionDenied("Only leaders can create board packs.")
    if request.user.local_authority_id is None:
        raise PermissionDenied("A board pack is one council's: platform administrators belong to none.")


def _form(request, data=None, **kwargs):
    # The default period is only the unfilled form's.
    since = default_since(request.user.local_authority, timezone.localdate()) if data is None else None
    return BoardPackForm(data, user=request.user, since=since, **kwargs)


@require_safe
def board_pack_new(request):
    """The form; ?inspections=<id> (from an inspection's page) ticks that inspection."""
    _check_leader(request)
    form = _form(request, initial={"inspections": request.GET.getlist("inspections")})
    return render(request, "plans/packs/new.html", {"form": form})


def _leaders_pack(view):
    """A view of the pack the address asks for, `view(request, pack)`: leaders only; with choices that do not
    validate, the form with its errors instead."""

    @require_safe
    @functools.wraps(view)
    def with_pack(request):
        _check_leader(request)
        form = _form(request, request.GET)
        if not form.is_valid():
            return render(request, "plans/packs/new.html", {"form": form})
        pack = build_pack(
            local_authority=request.user.local_authority,
            audience=form.chosen_audience,
            since=form.cleaned_data["since"],
            inspections=list(form.cleaned_data["inspections"]),
        )
        return view(request, pack)

    return with_pack


@_leaders_pack
def board_pack(request, pack):
    return render(request, "plans/packs/pack.html", {"pack": pack, "query": request.GET.urlencode()})


@_leaders_pack
def board_pack_pdf(request, pack):
    return _pdf_response(request, pack)


def _pdf_module():
    """plans.packs.pdf, imported when a PDF is first asked for: WeasyPrint takes a third of a second to load
    (with the system's Pango), which no other page needs at start-up."""
    from . import pdf

    return pdf


def _pdf_response(request, pack):
    content = _pdf_module().render_pdf(pack, base_url=request.build_absolute_uri("/"))
    return _pdf(content, pdf_filename(pack.local_authority, pack.audience, pack.today))


def _pdf(content, filename):
    response = HttpResponse(content, "application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _published(request, code):
    """The council of a public page that is switched on; 404 until it is."""
    local_authority = get_object_or_404(LocalAuthority, code=code)
    if not rules.can_read_public_page(request.user, local_authority):
        raise Http404("This council has not published its improvement plan here.")
    return local_authority


def _public_pack(local_authority, today):
    """A council's public version: the whole authority, since the last board meeting."""
    return build_pack(
        local_authority=local_authority, audience=PUBLIC, since=default_since(local_authority, today), today=today
    )


@login_not_required
@require_safe
def public_page(request, code):
    pack = _public_pack(_published(request, code), timezone.localdate())
    return render(request, "plans/packs/public.html", {"pack": pack})


@login_not_required
@require_safe
def public_pdf(request, code):
    """Made once a day (published.py): anyone may ask for it, and it takes seconds to make."""
    local_authority, today = _published(request, code), timezone.localdate()

    def make():
        pack = _public_pack(local_authority, today)
        return _pdf_module().render_pdf(pack, base_url=request.build_absolute_uri("/"))

    content = published.public_pdf(local_authority, today, make)
    return _pdf(content, pdf_filename(local_authority, PUBLIC, today))
