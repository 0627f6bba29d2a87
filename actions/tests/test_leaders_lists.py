"""The dashboard's three lists read together (ActionItemQuerySet.leaders_lists): awaiting sign-off, overdue and
due soon, each the first few in its own order."""

import datetime

from django.utils import timezone

from actions.models import ActionItem, Rag, Status
from tests.factories import ActionItemFactory


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def titles(lists):
    return {name: [action.title for action in actions] for name, actions in lists.items()}


def test_each_action_is_on_the_one_list_it_waits_for(area, staff_user, django_assert_num_queries):
    def make(title, status, due):
        ActionItemFactory(improvement_area=area, owner=staff_user, title=title, status=status, due_date=due)

    make("Write the policy", Status.COMPLETED, days(10))
    make("Late audit", Status.IN_PROGRESS, days(-5))
    make("Blocked and late", Status.BLOCKED, days(-1))
    make("Start the tracker", Status.NOT_STARTED, days(0))
    make("Review cases", Status.IN_PROGRESS, days(30))
    make("Annual survey", Status.NOT_STARTED, days(31))
    make("Train managers", Status.SIGNED_OFF, days(-20))

    with django_assert_num_queries(1):
        lists = ActionItem.objects.filter(improvement_area=area).leaders_lists(10)

    assert titles(lists) == {
        "awaiting_sign_off": ["Write the policy"],
        "overdue": ["Late audit", "Blocked and late"],
        "due_soon": ["Start the tracker", "Review cases"],
    }
    assert [action.rag for action in lists["overdue"]] == [Rag.RED, Rag.RED]
    assert lists["awaiting_sign_off"][0].rag == Rag.AMBER


def test_each_list_holds_its_first_few_in_its_own_order(area, staff_user):
    def make(title, status, due, completed_on=None):
        ActionItemFactory(
            improvement_area=area,
            owner=staff_user,
            title=title,
            status=status,
            due_date=due,
            **({"completed_on": completed_on} if completed_on else {}),
        )

    # The sign-off queue by how long each has waited, whatever its due date.
    make("Done last week", Status.COMPLETED, days(1), completed_on=days(-7))
    make("Done today", Status.COMPLETED, days(-9))
    make("Done a month ago", Status.COMPLETED, days(40), completed_on=days(-30))
    make("Late by a day", Status.IN_PROGRESS, days(-1))
    make("Late by ten days", Status.NOT_STARTED, days(-10))
    make("Late by ten days too", Status.BLOCKED, days(-10))
    make("Due in a fortnight", Status.IN_PROGRESS, days(14))
    make("Due tomorrow", Status.NOT_STARTED, days(1))
    make("Due next week", Status.BLOCKED, days(7))

    lists = ActionItem.objects.filter(improvement_area=area).leaders_lists(2)

    assert titles(lists) == {
        "awaiting_sign_off": ["Done a month ago", "Done last week"],
        # Two due the same day: the one made first.
        "overdue": ["Late by ten days", "Late by ten days too"],
        "due_soon": ["Due tomorrow", "Due next week"],
    }


def test_with_nothing_waiting_every_list_is_empty(area, staff_user):
    ActionItemFactory(improvement_area=area, owner=staff_user, status=Status.IN_PROGRESS, due_date=days(90))

    assert ActionItem.objects.filter(improvement_area=area).leaders_lists(10) == {
        "awaiting_sign_off": [],
        "overdue": [],
        "due_soon": [],
    }
