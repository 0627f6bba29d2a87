import datetime

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from actions import tables
from actions.models import ActionItem, Status

PAGE_SIZE = 50
# "Recently assigned to you" looks back this far, and lists at most this many actions.
RECENTLY_ASSIGNED_DAYS = 14
RECENTLY_ASSIGNED_SHOWN = 10


def my_actions(request):
    """The actions the user owns and has still to finish, overdue first, then by due date."""
    mine = ActionItem.objects.for_user(request.user).filter(owner=request.user)
    actions = mine.exclude(status=Status.SIGNED_OFF).for_list().with_rag().overdue_first()
    page_obj = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    since = timezone.now() - datetime.timedelta(days=RECENTLY_ASSIGNED_DAYS)
    recently_assigned = mine.recently_assigned_to(request.user, since=since).order_by("-assigned_at", "-pk")
    return render(
        request,
        "actions/my_actions.html",
        {
            "page_obj": page_obj,
            "table": tables.ActionTable.of(
                tables.MY_ACTIONS, page_obj.object_list, "Your actions, overdue first, then by due date"
            ),
            "recently_assigned": list(recently_assigned[:RECENTLY_ASSIGNED_SHOWN]),
            "signed_off_count": mine.filter(status=Status.SIGNED_OFF).count(),
        },
    )
