import datetime

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from accounts import rules
from actions import shortlists, tables
from actions.models import ActionItem, Status

PAGE_SIZE = 50
# "Recently assigned to you" looks back this far, and lists at most this many actions.
RECENTLY_ASSIGNED_DAYS = 14
RECENTLY_ASSIGNED_SHOWN = 10
# Each of a leader's lists of what needs them shows this many actions, with a link to the rest.
NEEDS_YOU_SHOWN = 5


def my_actions(request):
    """The actions the user owns and has still to finish, overdue first, then by due date.

    For those who sign actions off (leaders, administrators) it starts with what waits for them.
    """
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
            "needs_you": (
                shortlists.needs_a_leader(request.user, limit=NEEDS_YOU_SHOWN)
                if rules.can_sign_off(request.user) and page_obj.number == 1
                else []
            ),
        },
    )
