"""All actions: the authority's actions, filtered and sorted, as a page or a download."""

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from accounts import rules
from actions import exports, tables
from actions.filtersets import DEFAULT_SORT, SORT_DESCRIPTIONS, ActionItemFilterSet

PER_PAGE = 50


def can_view_actions(view):
    """Staff, leaders and administrators; a user without a role is refused (403)."""

    def check(user):
        if not rules.can_view_actions(user):
            raise PermissionDenied("Only people with a role can see the actions.")
        return True

    return user_passes_test(check)(view)


# The columns of the All actions table that sort it, by the sort parameter they set.
SORTABLE_COLUMNS = ["due_date", "status", "owner"]


def _params(filterset, *, sort=True):
    """The filter (and sort) parameters in use, without empty values or the page."""
    names = list(filterset.filters) + (["sort"] if sort else [])
    return [(name, value) for name in names for value in filterset.data.getlist(name) if value != ""]


def _sort_headers(filterset):
    """For each sortable column: the link that sorts by it (reversing it if current), and its aria-sort."""
    base = _params(filterset, sort=False)
    headers = {}
    for key in SORTABLE_COLUMNS:
        if filterset.sort == key:
            aria_sort, next_sort = "ascending", f"-{key}"
        elif filterset.sort == f"-{key}":
            aria_sort, next_sort = "descending", key
        else:
            aria_sort, next_sort = "", key
        headers[key] = {
            "aria_sort": aria_sort,
            "query_string": urlencode([*base, ("sort", next_sort)]),
        }
    return headers


@require_safe
@can_view_actions
def action_list(request):
    filterset = ActionItemFilterSet(request.GET, user=request.user)
    page_obj = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    query_string = urlencode(_params(filterset))
    return render(
        request,
        "actions/action_list.html",
        {
            "filterset": filterset,
            "form": filterset.form,
            "page_obj": page_obj,
            "table": tables.ActionTable.of(
                tables.ALL_ACTIONS,
                page_obj.object_list,
                f"Actions, sorted by {SORT_DESCRIPTIONS[filterset.sort]}",
                caption_size="m",
                sort_headers=_sort_headers(filterset),
            ),
            "sort": filterset.sort,
            "is_default_sort": filterset.sort == DEFAULT_SORT,
            "query_string": query_string,
            "is_filtered": bool(_params(filterset, sort=False)),
        },
    )


def _attachment(response, extension):
    name = exports.filename(extension, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@can_view_actions
def action_export_csv(request):
    filterset = ActionItemFilterSet(request.GET, user=request.user)
    rows = exports.export_rows(filterset.qs, absolute_url=request.build_absolute_uri)
    response = StreamingHttpResponse(exports.csv_chunks(rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, "csv")


@require_safe
@can_view_actions
def action_export_xlsx(request):
    filterset = ActionItemFilterSet(request.GET, user=request.user)
    rows = exports.export_rows(filterset.qs, absolute_url=request.build_absolute_uri)
    response = HttpResponse(exports.xlsx_bytes(rows), content_type=exports.XLSX_CONTENT_TYPE)
    return _attachment(response, "xlsx")
