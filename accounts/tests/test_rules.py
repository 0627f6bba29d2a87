import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType

from accounts import rules
from accounts.models import User
from tests.factories import UserFactory

USER_RULES = [
    "can_view_actions",
    "can_create_action",
    "can_edit_action",
    "can_sign_off",
    "can_reopen",
    "can_withdraw",
    "can_view_dashboard",
    "can_view_deadlines",
    "can_record_receipt",
    "can_record_submission",
    "can_add_milestone",
    "can_view_interventions",
]
# What each role may do, as accounts/roles.py gives it.
EXPECTED = {
    "staff": {"can_view_actions", "can_view_deadlines", "can_view_interventions"},
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


# Administrators: who runs the platform, who changes shared data, whose account someone may manage.


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", platform_administrator=True)


@pytest.mark.parametrize(
    "rule", [rules.is_platform_administrator, rules.can_change_reference_data, rules.can_clear_sign_in_records]
)
def test_only_an_active_superuser_runs_the_platform(rule, superuser, administrator, leader):
    assert rule(superuser)
    assert not rule(administrator)
    assert not rule(leader)
    assert not rule(AnonymousUser())
    superuser.is_active = False
    assert not rule(superuser)


def test_an_administrator_manages_accounts_with_no_more_rights_than_their_own(
    administrator, staff_user, leader, other_leader
):
    other_administrator = UserFactory(
        username="admin2", administrator=True, local_authority=administrator.local_authority
    )

    for account in (staff_user, leader, other_administrator, administrator):
        assert rules.can_manage_account(administrator, account), account


def test_nobody_but_a_superuser_manages_a_superuser(superuser, administrator):
    assert not rules.can_manage_account(administrator, superuser)
    assert rules.can_manage_account(UserFactory(username="root2", platform_administrator=True), superuser)


def test_an_account_holding_a_permission_the_actor_lacks_is_not_theirs_to_manage(administrator, leader, staff_user):
    extra = Permission.objects.create(
        codename="audit_everything", name="Can audit everything", content_type=ContentType.objects.get_for_model(User)
    )
    staff_user.user_permissions.add(extra)

    assert not rules.can_manage_account(administrator, staff_user)
    assert not rules.can_manage_account(leader, UserFactory(username="admin2", administrator=True))


def test_an_inactive_account_keeps_its_rights(administrator, leader):
    administrator.is_active = False
    administrator.save(update_fields=["is_active"])

    assert not rules.can_manage_account(leader, administrator)
    assert not rules.can_manage_account(administrator, leader)


def test_an_administrator_grants_only_what_they_hold(administrator, leader, superuser):
    assert set(rules.grantable_permissions(leader)) == set(Permission.objects.filter(group__user=leader))
    assert rules.grantable_permissions(superuser).count() == Permission.objects.count()
    assert rules.grantable_permissions(administrator).filter(codename="change_user").exists()


def test_leaders_may_import_a_plan_into_their_own_councils_inspections_only(
    leader, staff_user, other_leader, inspection
):
    assert rules.can_import_plan(leader, inspection)
    assert not rules.can_import_plan(staff_user, inspection)
    assert not rules.can_import_plan(other_leader, inspection)
