import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import rules
from tests.factories import UserFactory

USER_RULES = ["can_view_actions", "can_create_action", "can_edit_action", "can_sign_off", "can_view_dashboard"]
# What each role may do, as accounts/roles.py gives it.
EXPECTED = {
    "staff": {"can_view_actions"},
    "leader": set(USER_RULES),
    "administrator": set(USER_RULES),
    "no_role": set(),
}


@pytest.fixture
def people(staff_user, leader, administrator, bromley):
    return {
        "staff": staff_user,
        "leader": leader,
        "administrator": administrator,
        "no_role": UserFactory(local_authority=bromley),
    }


@pytest.mark.parametrize("person", EXPECTED)
def test_each_role_may_do_what_its_permissions_allow(people, person):
    allowed = {name for name in USER_RULES if getattr(rules, name)(people[person])}
    assert allowed == EXPECTED[person]


def test_an_anonymous_visitor_may_do_nothing():
    visitor = AnonymousUser()
    assert not any(getattr(rules, name)(visitor) for name in USER_RULES)
    assert not rules.can_reach_admin(visitor)


def test_a_deactivated_leader_may_do_nothing(leader):
    leader.is_active = False
    assert not any(getattr(rules, name)(leader) for name in USER_RULES)


def test_the_owner_and_leaders_may_update_an_action_and_other_staff_may_not(action, other_staff_user, leader):
    assert rules.can_update_action(action.owner, action)
    assert rules.can_update_action(leader, action)
    assert not rules.can_update_action(other_staff_user, action)


def test_only_administrators_reach_the_admin(staff_user, leader, administrator):
    assert [rules.can_reach_admin(user) for user in (staff_user, leader, administrator)] == [False, False, True]


def test_templates_read_the_same_answers(leader):
    answers = rules.UserRules(leader)
    assert answers.can_sign_off is True
    with pytest.raises(AttributeError):
        getattr(answers, "can_do_anything")  # noqa: B009
