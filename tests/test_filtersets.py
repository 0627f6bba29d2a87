import datetime

import pytest
from django.utils import timezone

from actions.filtersets import ActionItemFilterSet
from actions.models import Status
from actions.services import archive_action
from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    ThemeFactory,
    UserFactory,
)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def data(bromley, essex, leader):
    """Six Bromley actions across two inspections, and one Essex action that must never show."""
    theme = ThemeFactory(name="Return home interviews", slug="return-home-interviews")
    essex_only_theme = ThemeFactory(name="Essex theme", slug="essex-theme")
    inspection_2018 = InspectionFactory(local_authority=bromley, start_date=datetime.date(2018, 11, 5))
    inspection_2021 = InspectionFactory(local_authority=bromley, start_date=datetime.date(2021, 9, 14))
    rhi = ImprovementAreaFactory(inspection=inspection_2018, short_title="Return home interviews", theme=theme)
    health = ImprovementAreaFactory(inspection=inspection_2021, short_title="Care leavers' health histories")
    sam = UserFactory(first_name="Sam", last_name="Patel", staff=True, local_authority=bromley)
    jo = UserFactory(first_name="Jo", last_name="Okafor", staff=True, local_authority=bromley)
    essex_user = UserFactory(first_name="Sam", last_name="Essex", staff=True, local_authority=essex)
    essex_area = ImprovementAreaFactory(
        inspection=InspectionFactory(local_authority=essex), short_title="Essex area", theme=essex_only_theme
    )

    def make(area, owner, status, due_in, **kwargs):
        return ActionItemFactory(improvement_area=area, owner=owner, status=status, due_date=days(due_in), **kwargs)

    return {
        "leader": leader,
        "theme": theme,
        "essex_only_theme": essex_only_theme,
        "inspection_2021": inspection_2021,
        "rhi": rhi,
        "sam": sam,
        "jo": jo,
        "essex_user": essex_user,
        "green": make(rhi, sam, Status.NOT_STARTED, 60, title="Audit return home interviews"),
        "overdue": make(rhi, jo, Status.IN_PROGRESS, -5, description="Recruit two advocates"),
        "blocked": make(health, sam, Status.BLOCKED, 30, success_measure="Every care leaver holds a health passport"),
        "completed": make(health, jo, Status.COMPLETED, -10),
        "signed_off": make(health, sam, Status.SIGNED_OFF, 5),
        "due_soon": make(rhi, sam, Status.NOT_STARTED, 7),
        "essex": make(essex_area, essex_user, Status.BLOCKED, -1, title="Audit return home interviews in Essex"),
    }


@pytest.fixture
def filterset(data):
    def build(params=None, user=None):
        return ActionItemFilterSet(params or {}, user=user or data["leader"])

    return build


def test_no_filters_lists_every_action_of_the_authority(filterset):
    assert filterset().qs.count() == 6


def test_status(filterset):
    assert filterset({"status": [Status.NOT_STARTED]}).qs.count() == 2


def test_several_statuses(filterset):
    assert filterset({"status": [Status.BLOCKED, Status.COMPLETED]}).qs.count() == 2


def test_rag_red(filterset):
    assert filterset({"rag": ["red"]}).qs.count() == 2


def test_rag_amber(filterset):
    assert filterset({"rag": ["amber"]}).qs.count() == 2


def test_several_rags(filterset):
    assert filterset({"rag": ["green", "complete"]}).qs.count() == 2


def test_overdue(filterset, data):
    assert list(filterset({"overdue": "yes"}).qs) == [data["overdue"]]


def test_overdue_other_than_yes_is_not_a_filter(filterset):
    assert filterset({"overdue": "no"}).qs.count() == 6


def test_owner(filterset, data):
    assert filterset({"owner": data["jo"].pk}).qs.count() == 2


def test_inspection(filterset, data):
    assert filterset({"inspection": data["inspection_2021"].pk}).qs.count() == 3


def test_improvement_area(filterset, data):
    assert filterset({"improvement_area": data["rhi"].pk}).qs.count() == 3


def test_theme_by_slug(filterset):
    assert filterset({"theme": "return-home-interviews"}).qs.count() == 3


def test_theme_by_id(filterset, data):
    assert filterset({"theme": str(data["theme"].pk)}).qs.count() == 3


def test_due_from(filterset):
    assert filterset({"due_from": days(0).isoformat()}).qs.count() == 4


def test_due_to(filterset):
    assert filterset({"due_to": days(0).isoformat()}).qs.count() == 2


def test_due_between_in_british_format(filterset):
    assert filterset({"due_from": f"{days(0):%d/%m/%Y}", "due_to": f"{days(10):%d/%m/%Y}"}).qs.count() == 2


def test_due_between_as_the_date_hint_shows_them(filterset):
    assert filterset({"due_from": f"{days(0):%-d %-m %Y}", "due_to": f"{days(10):%-d %-m %Y}"}).qs.count() == 2


def test_search_title(filterset):
    assert filterset({"q": "AUDIT"}).qs.count() == 1


def test_search_description(filterset):
    assert filterset({"q": "advocates"}).qs.count() == 1


def test_search_success_measure(filterset):
    assert filterset({"q": "passport"}).qs.count() == 1


def test_search_owner_full_name(filterset):
    assert filterset({"q": "jo okafor"}).qs.count() == 2


def test_search_improvement_area_short_title(filterset):
    assert filterset({"q": "care leavers"}).qs.count() == 3


def test_filters_combine(filterset, data):
    assert filterset({"owner": data["sam"].pk, "rag": ["red", "amber"], "q": "health"}).qs.count() == 1


def test_another_authoritys_user_sees_only_their_actions(filterset, data, other_leader):
    assert list(filterset(user=other_leader).qs) == [data["essex"]]


def test_an_owner_of_another_authority_is_an_error_and_lists_nothing(filterset, data):
    result = filterset({"owner": data["essex_user"].pk})
    assert result.qs.count() == 0
    assert result.form.errors["owner"] == ["Select an owner from the list"]


def test_an_unknown_status_is_an_error(filterset):
    assert filterset({"status": ["finished"]}).form.errors["status"] == ["Select a status from the list"]


def test_an_unknown_rag_is_an_error(filterset):
    assert filterset({"rag": ["purple"]}).qs.count() == 0


def test_a_theme_used_only_by_another_authority_is_an_error(filterset):
    assert filterset({"theme": "essex-theme"}).form.errors["theme"] == ["Select a theme from the list"]


def test_an_enormous_id_is_an_error_not_a_crash(filterset):
    assert filterset({"owner": "9" * 30, "theme": "9" * 30, "inspection": "-1"}).qs.count() == 0


def test_an_impossible_date_is_an_error(filterset):
    result = filterset({"due_from": "31/02/2021"})
    assert result.qs.count() == 0
    assert result.form.errors["due_from"] == ["The from date must be a real date, for example 27 3 2027"]


def test_a_to_date_before_the_from_date_is_an_error(filterset):
    result = filterset({"due_from": days(10).isoformat(), "due_to": days(0).isoformat()})
    assert result.form.errors["due_to"] == ["The to date must be the same as or after the from date"]


def test_choices_come_from_the_users_authority_only(filterset, data):
    form = filterset().form
    assert data["essex_user"] not in form.fields["owner"].queryset
    assert set(form.fields["theme"].queryset) == {data["theme"]}
    assert form.fields["inspection"].queryset.count() == 2
    assert form.fields["improvement_area"].queryset.count() == 2


def test_default_sort_is_by_due_date(filterset, data):
    assert list(filterset().qs)[0] == data["completed"]


def test_sort_by_due_date_latest_first(filterset, data):
    assert list(filterset({"sort": "-due_date"}).qs)[0] == data["green"]


def test_sort_by_status_follows_the_workflow(filterset):
    statuses = [a.status for a in filterset({"sort": "status"}).qs]
    assert statuses == [Status.NOT_STARTED] * 2 + [
        Status.IN_PROGRESS,
        Status.BLOCKED,
        Status.COMPLETED,
        Status.SIGNED_OFF,
    ]


def test_sort_by_status_reversed(filterset, data):
    assert list(filterset({"sort": "-status"}).qs)[0] == data["signed_off"]


def test_sort_by_owner_last_name(filterset):
    assert [a.owner.last_name for a in filterset({"sort": "owner"}).qs] == ["Okafor"] * 2 + ["Patel"] * 4


def test_sort_by_owner_reversed(filterset):
    assert [a.owner.last_name for a in filterset({"sort": "-owner"}).qs][0] == "Patel"


def test_an_unknown_sort_falls_back_to_due_date(filterset, data):
    result = filterset({"sort": "title; DROP TABLE"})
    assert result.sort == "due_date"
    assert list(result.qs)[0] == data["completed"]


def test_withdrawn_actions_are_left_out(filterset, data):
    archive_action(action=data["green"], by=data["leader"])
    assert filterset().qs.count() == 5


def test_show_only_withdrawn_actions(filterset, data):
    archive_action(action=data["green"], by=data["leader"])
    assert list(filterset({"withdrawn": "yes"}).qs) == [data["green"]]
