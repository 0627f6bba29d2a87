"""The short lists of what waits for a leader: actions awaiting sign-off, overdue and blocked.

Leaders' home page (My actions) shows all three; the dashboard shows the sign-off queue. Each is an
actions.tables.Shortlist: the first few actions, how many there are, and a link to them all in All actions.
"""

from django.template.defaultfilters import pluralize
from django.utils import timezone

from . import tables
from .filtersets import OVERDUE_ONLY, list_url
from .models import ActionItem, Status


def _shortlist(*, id, title, count, actions, limit, columns, caption, params, counted, empty, first=None):
    """The first `limit` of `actions` (read only if `count`, and not at all if `first` holds them already);
    `counted` names one of them."""
    shown = (list(actions[:limit]) if first is None else first) if count else []
    return tables.Shortlist(
        title=title,
        count=count,
        table=tables.ActionTable.of(columns, shown, caption, id=id),
        view_all_url=list_url(**params),
        view_all_text=f"View the {counted}" if count == 1 else f"View all {count} {counted}{pluralize(count)}",
        empty=empty,
    )


def awaiting_sign_off(actions, *, count, limit, filters=None, first=None):
    """`actions`: the user's, for_list(); `count`: how many of them are completed (ActionProgress);
    `filters`: All actions parameters that narrow them as `actions` is narrowed; `first`: the first `limit`
    of them awaiting sign-off, when already read (ActionItemQuerySet.leaders_lists)."""
    return _shortlist(
        id="awaiting-sign-off",
        title="Awaiting your sign-off",
        count=count,
        actions=actions.awaiting_sign_off().order_by("completed_on", "pk"),
        limit=limit,
        columns=tables.AWAITING_SIGN_OFF,
        caption="Completed actions waiting for a leader to sign them off, longest waiting first",
        params={**(filters or {}), "status": Status.COMPLETED.value},
        counted="completed action",
        empty="No completed actions are waiting for sign-off.",
        first=first,
    )


def overdue(actions, *, count, limit, today):
    return _shortlist(
        id="overdue",
        title="Overdue",
        count=count,
        actions=actions.with_rag(today).overdue(today).order_by("due_date", "pk"),
        limit=limit,
        columns=tables.NEEDS_A_LEADER,
        caption="Overdue actions, earliest due date first",
        params=OVERDUE_ONLY,
        counted="overdue action",
        empty="No actions are overdue.",
    )


def blocked(actions, *, count, limit):
    return _shortlist(
        id="blocked",
        title="Blocked",
        count=count,
        actions=actions.with_rag().blocked().order_by("due_date", "pk"),
        limit=limit,
        columns=tables.NEEDS_A_LEADER,
        caption="Blocked actions, earliest due date first",
        params={"status": Status.BLOCKED.value},
        counted="blocked action",
        empty="No actions are blocked.",
    )


def needs_a_leader(user, *, limit, today=None):
    """All three for the user's authority: one grouped count, then one query for each list with actions."""
    today = today or timezone.localdate()
    actions = ActionItem.objects.for_user(user)
    progress = actions.progress(today)
    rows = actions.for_list()
    return [
        awaiting_sign_off(rows, count=progress.awaiting_sign_off, limit=limit),
        overdue(rows, count=progress.overdue, limit=limit, today=today),
        blocked(rows, count=progress.blocked, limit=limit),
    ]
