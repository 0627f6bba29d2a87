"""Every route against every role: who may see and change what.

The routes come from the URL resolver, so a new route without an entry here fails.
Users of another authority get 404 for this authority's objects, in pages, exports and the admin.
"""

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actions.models import Status
from tests.factories import (
    ActionItemFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    ThemeFactory,
    UserFactory,
)

ROLES = ["anonymous", "owner", "other_staff", "leader", "administrator", "other_authority_leader"]

LOGIN = "login"  # sent to sign in
OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405
ALL_SIGNED_IN = dict.fromkeys(ROLES[1:], OK)


def row(anonymous=LOGIN, **by_role):
    return {"anonymous": anonymous, **ALL_SIGNED_IN, **by_role}


LEADERS_ONLY_OWN = row(owner=FORBIDDEN, other_staff=FORBIDDEN, other_authority_leader=NOT_FOUND)
OWN_AUTHORITY = row(other_authority_leader=NOT_FOUND)

# Expected status for a GET of each named route.
GET_MATRIX = {
    "login": {"anonymous": OK, **dict.fromkeys(ROLES[1:], 302)},
    "logout": row(**dict.fromkeys(ROLES[1:], NOT_ALLOWED)),
    "password_change": row(),
    "healthz": dict.fromkeys(ROLES, OK),
    "my_actions": row(),
    "action_list": row(),
    "action_export_csv": row(),
    "action_export_xlsx": row(),
    "action_create": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "action_detail": OWN_AUTHORITY,
    "action_edit": LEADERS_ONLY_OWN,
    "action_sign_off": LEADERS_ONLY_OWN,
    "dashboard": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "inspection_list": row(),
    "inspection_detail": OWN_AUTHORITY,
    "board_report": LEADERS_ONLY_OWN,
    "area_detail": OWN_AUTHORITY,
    "theme_list": row(),
    # Themes are shared reference data; each authority sees only its own areas under them.
    "theme_detail": row(),
}

# Expected status for a POST to the routes that change something (an empty form: refused before validation).
POST_MATRIX = {
    "action_detail": row(other_staff=FORBIDDEN, other_authority_leader=NOT_FOUND),
    "action_edit": LEADERS_ONLY_OWN,
    "action_sign_off": LEADERS_ONLY_OWN,
    "action_create": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
}


def route_names(patterns=None, namespace=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin is covered below, model by model
            yield from route_names(entry.url_patterns, entry.namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name


@pytest.fixture
def world(bromley, essex):
    owner = UserFactory(username="owner", staff=True, local_authority=bromley)
    inspection = InspectionFactory(local_authority=bromley)
    theme = ThemeFactory(slug="missing-children")
    area = ImprovementAreaFactory(inspection=inspection, theme=theme)
    action = ActionItemFactory(improvement_area=area, owner=owner, status=Status.COMPLETED)
    users = {
        "owner": owner,
        "other_staff": UserFactory(username="other", staff=True, local_authority=bromley),
        "leader": UserFactory(username="lead", leader=True, local_authority=bromley),
        "administrator": UserFactory(username="adm", administrator=True, local_authority=bromley),
        "other_authority_leader": UserFactory(username="essex", leader=True, local_authority=essex),
    }
    kwargs = {
        "action_detail": {"pk": action.pk},
        "action_edit": {"pk": action.pk},
        "action_sign_off": {"pk": action.pk},
        "inspection_detail": {"pk": inspection.pk},
        "board_report": {"pk": inspection.pk},
        "area_detail": {"pk": area.pk},
        "theme_detail": {"slug": theme.slug},
    }
    return {"users": users, "kwargs": kwargs, "action": action, "inspection": inspection, "area": area}


def test_every_route_has_an_entry_in_the_matrix():
    assert set(route_names()) == set(GET_MATRIX)


def check(client, world, role, method, name, expected):
    if role != "anonymous":
        client.force_login(world["users"][role])
    url = reverse(name, kwargs=world["kwargs"].get(name))
    response = getattr(client, method)(url)
    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url} as {role}"
        assert response.url.startswith(reverse("login")), f"{method} {url} as {role} went to {response.url}"
    else:
        assert response.status_code == expected, f"{method} {url} as {role}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(GET_MATRIX))
def test_get(client, world, name, role):
    check(client, world, role, "get", name, GET_MATRIX[name][role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POST_MATRIX))
def test_post(client, world, name, role):
    check(client, world, role, "post", name, POST_MATRIX[name][role])


def admin_urls(world):
    """The changelist, add, change and history pages of every model in the admin."""
    objects = {"action item": world["action"], "inspection": world["inspection"], "improvement area": world["area"]}
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        yield reverse("admin:{}_{}_changelist".format(*info))
        obj = objects.get(model._meta.verbose_name)
        if obj is not None:
            yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            yield reverse("admin:{}_{}_history".format(*info), args=[obj.pk])


@pytest.mark.parametrize("role", ["owner", "other_staff", "leader", "other_authority_leader"])
def test_only_administrators_reach_the_admin(client, world, role):
    client.force_login(world["users"][role])
    for url in [reverse("admin:index"), *admin_urls(world)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


def test_an_administrator_reaches_every_admin_page_of_their_authority(client, world):
    client.force_login(world["users"]["administrator"])
    for url in admin_urls(world):
        assert client.get(url).status_code == OK, url


def test_an_administrator_of_another_authority_gets_404_for_this_authoritys_objects(client, world, essex):
    client.force_login(UserFactory(username="essex.admin", administrator=True, local_authority=essex))
    for url in admin_urls(world):
        if "/change/" in url or "/history/" in url:
            assert client.get(url).status_code == NOT_FOUND, url


def test_exports_hold_nothing_of_another_authority(client, world):
    client.force_login(world["users"]["other_authority_leader"])
    csv = client.get(reverse("action_export_csv")).getvalue().decode("utf-8-sig")
    assert world["action"].title not in csv
    assert len(csv.strip().splitlines()) == 1  # the header row only
