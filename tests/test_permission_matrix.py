"""Every route against every role: who may see and change what.

The routes come from the URL resolver, so a new route without an entry here fails.
Users of another authority get 404 for this authority's objects, in pages, exports and the admin. In the admin,
what every council shares is read-only to a council's administrators, and only platform administrators change it.
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts import roles
from accounts.models import ResetRequest
from actions.models import Status
from deadlines import services
from deadlines.models import ClosureDay, Intervention, InterventionKind, Milestone
from plans.models import PendingImport
from reminders.models import Kind, OutboundEmail
from tests.factories import (
    ActionItemFactory,
    CorrectionFactory,
    ImprovementAreaFactory,
    InspectionFactory,
    JudgementFactory,
    MeasureFactory,
    MeasureValueFactory,
    ProgressUpdateFactory,
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
    "signed_out": {"anonymous": OK, **dict.fromkeys(ROLES[1:], 302)},
    "password_change": row(),
    # Resetting a forgotten password needs no sign-in; a made-up link gets "This link does not work".
    "password_reset": dict.fromkeys(ROLES, OK),
    "password_reset_done": dict.fromkeys(ROLES, OK),
    "password_reset_confirm": dict.fromkeys(ROLES, OK),
    "password_reset_complete": dict.fromkeys(ROLES, OK),
    "healthz": dict.fromkeys(ROLES, OK),
    "my_actions": row(),
    "action_list": row(),
    "action_export_csv": row(),
    "action_export_xlsx": row(),
    "action_create": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "action_detail": OWN_AUTHORITY,
    "action_edit": LEADERS_ONLY_OWN,
    "action_sign_off": LEADERS_ONLY_OWN,
    "action_reopen": LEADERS_ONLY_OWN,
    "action_withdraw": LEADERS_ONLY_OWN,
    "dashboard": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "inspection_list": row(),
    "inspection_detail": OWN_AUTHORITY,
    "board_report": LEADERS_ONLY_OWN,
    "plan_import": LEADERS_ONLY_OWN,
    "plan_import_template": LEADERS_ONLY_OWN,
    # An upload is its uploader's (the leader's) alone: another leader or administrator finds none.
    "plan_import_preview": {**LEADERS_ONLY_OWN, "administrator": NOT_FOUND},
    "plan_import_confirm": row(**dict.fromkeys(ROLES[1:], NOT_ALLOWED)),
    # A board pack is the leader's own council's: without its choices the pack's page is the form, with errors.
    "board_pack_new": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "board_pack": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "board_pack_pdf": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    # Switched on for Bromley here: anyone reads it, signed in or not (switched off, it is not found).
    "public_page": dict.fromkeys(ROLES, OK),
    "public_pdf": dict.fromkeys(ROLES, OK),
    "area_detail": OWN_AUTHORITY,
    "theme_list": row(),
    # Themes are shared reference data; each authority sees only its own areas under them.
    "theme_detail": row(),
    "receipt_edit": LEADERS_ONLY_OWN,
    "milestone_create": LEADERS_ONLY_OWN,
    "submission_edit": LEADERS_ONLY_OWN,
    "response_edit": LEADERS_ONLY_OWN,
    "intervention_list": row(),
    "email_settings": row(),
    "measure_list": row(),
    "measure_export": row(),
    "measure_values_export": row(),
    "measure_create": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "measure_detail": OWN_AUTHORITY,
    "measure_edit": LEADERS_ONLY_OWN,
    # The measure's owner and leaders enter and correct its values.
    "measure_value_correct": row(other_staff=FORBIDDEN, other_authority_leader=NOT_FOUND),
}

# Expected status for a POST to the routes that change something (an empty form: refused before validation).
POST_MATRIX = {
    "action_detail": row(other_staff=FORBIDDEN, other_authority_leader=NOT_FOUND),
    "action_edit": LEADERS_ONLY_OWN,
    "action_sign_off": LEADERS_ONLY_OWN,
    "action_reopen": LEADERS_ONLY_OWN,
    "action_withdraw": LEADERS_ONLY_OWN,
    "action_create": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "plan_import": LEADERS_ONLY_OWN,
    # An empty form: matched to nothing, shown again with its error.
    "plan_import_preview": {**LEADERS_ONLY_OWN, "administrator": NOT_FOUND},
    # The uploader's plan is imported and they go on to the actions.
    "plan_import_confirm": {**LEADERS_ONLY_OWN, "leader": 302, "administrator": NOT_FOUND},
    "receipt_edit": LEADERS_ONLY_OWN,
    "milestone_create": LEADERS_ONLY_OWN,
    "submission_edit": LEADERS_ONLY_OWN,
    "response_edit": LEADERS_ONLY_OWN,
    # Everyone's own settings: an empty form is valid (every reminder off) and saved.
    "email_settings": row(**dict.fromkeys(ROLES[1:], 302)),
    "measure_detail": row(other_staff=FORBIDDEN, other_authority_leader=NOT_FOUND),
    "measure_value_correct": row(other_staff=FORBIDDEN, other_authority_leader=NOT_FOUND),
    "measure_create": row(owner=FORBIDDEN, other_staff=FORBIDDEN),
    "measure_edit": LEADERS_ONLY_OWN,
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
    bromley.public_page = True
    bromley.save()
    owner = UserFactory(username="owner", staff=True, local_authority=bromley)
    inspection = InspectionFactory(local_authority=bromley)
    theme = ThemeFactory(slug="missing-children")
    area = ImprovementAreaFactory(inspection=inspection, theme=theme)
    action = ActionItemFactory(improvement_area=area, owner=owner, status=Status.COMPLETED)
    signed_off = ActionItemFactory(improvement_area=area, owner=owner, status=Status.SIGNED_OFF)
    users = {
        "owner": owner,
        "other_staff": UserFactory(username="other", staff=True, local_authority=bromley),
        "leader": UserFactory(username="lead", leader=True, local_authority=bromley),
        "administrator": UserFactory(username="adm", administrator=True, local_authority=bromley),
        "other_authority_leader": UserFactory(username="essex", leader=True, local_authority=essex),
    }
    # A final plan submitted to Ofsted and awaiting its response, and an intervention after the inspection.
    services.record_receipt(inspection=inspection, received_on=inspection.end_date, author=users["leader"])
    plan = Milestone.objects.get(inspection=inspection)
    services.record_submission(milestone=plan, submitted_on=inspection.end_date, author=users["leader"])
    intervention = Intervention.objects.create(
        local_authority=bromley,
        kind=InterventionKind.DFE_ADVISER,
        inspection=inspection,
        started_on=inspection.end_date,
    )
    pending = PendingImport.objects.create(
        inspection=inspection,
        uploaded_by=users["leader"],
        file_name="plan.xlsx",
        headings=["Action", "Owner", "Timescale", "Recommendation"],
        rows=[[2, ["Matrix action", "owner", "31/03/2027", "A recommendation new to the inspection"]]],
        mapping={"0": "title", "1": "owner", "2": "due_date", "3": "area"},
    )
    kwargs = {
        "plan_import": {"pk": inspection.pk},
        "plan_import_template": {"pk": inspection.pk},
        "plan_import_preview": {"pk": inspection.pk, "pending_pk": pending.pk},
        "plan_import_confirm": {"pk": inspection.pk, "pending_pk": pending.pk},
        "action_detail": {"pk": action.pk},
        "action_edit": {"pk": action.pk},
        "action_sign_off": {"pk": action.pk},
        "action_reopen": {"pk": signed_off.pk},
        "action_withdraw": {"pk": action.pk},
        "inspection_detail": {"pk": inspection.pk},
        "board_report": {"pk": inspection.pk},
        "area_detail": {"pk": area.pk},
        "theme_detail": {"slug": theme.slug},
        "password_reset_confirm": {"uidb64": "MQ", "token": "made-up"},
        "public_page": {"code": bromley.code},
        "public_pdf": {"code": bromley.code},
        "receipt_edit": {"pk": inspection.pk},
        "milestone_create": {"pk": inspection.pk},
        "submission_edit": {"pk": plan.pk},
        "response_edit": {"pk": plan.pk},
    }
    measure = MeasureFactory(local_authority=bromley, owner=owner, improvement_areas=[area])
    measure_value = MeasureValueFactory(measure=measure)
    kwargs.update(
        {
            "measure_detail": {"pk": measure.pk},
            "measure_edit": {"pk": measure.pk},
            "measure_value_correct": {"pk": measure.pk, "value_pk": measure_value.pk},
            "measure_export": {"ext": "csv"},
            "measure_values_export": {"ext": "xlsx"},
        }
    )
    return {
        "users": users,
        "kwargs": kwargs,
        "action": action,
        "inspection": inspection,
        "area": area,
        "milestone": plan,
        "intervention": intervention,
        "measure": measure,
        "measure_value": measure_value,
    }


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


@pytest.mark.parametrize("role", ["anonymous", "leader"])
@pytest.mark.parametrize("name", sorted(GET_MATRIX))
def test_head_answers_as_get_does(client, world, name, role):
    """Load balancers and link checkers send HEAD; a page that answers GET answers it too."""
    check(client, world, role, "head", name, GET_MATRIX[name][role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POST_MATRIX))
def test_post(client, world, name, role):
    check(client, world, role, "post", name, POST_MATRIX[name][role])


# The admin, model by model, for the people who reach it: an administrator of the council that owns the object,
# an administrator of another council, and a platform administrator (a superuser, of no council). Each view is a
# GET but for "save", an empty POST to the change page (refused, or shown again with its errors).
ADMIN_ROLES = ["administrator", "other_authority_administrator", "platform_administrator"]
ADMIN_VIEWS = ["changelist", "add", "change", "save", "delete", "history"]

ALLOWED = dict.fromkeys(ADMIN_VIEWS, OK)


def admin_row(**by_view):
    return {**ALLOWED, **by_view}


READ_ONLY = admin_row(add=FORBIDDEN, save=FORBIDDEN, delete=FORBIDDEN)
# Another council's object: the list (without it) and the add page stay open.
OTHER_COUNCILS = admin_row(change=NOT_FOUND, save=NOT_FOUND, delete=NOT_FOUND, history=NOT_FOUND)
OTHER_COUNCILS_READ_ONLY = {**OTHER_COUNCILS, "add": FORBIDDEN}

COUNCIL_RECORD = {
    "administrator": ALLOWED,
    "other_authority_administrator": OTHER_COUNCILS,
    "platform_administrator": ALLOWED,
}
SHARED_REFERENCE_DATA = {
    "administrator": READ_ONLY,
    "other_authority_administrator": READ_ONLY,
    "platform_administrator": ALLOWED,
}
SIGN_IN_RECORD = {
    "administrator": READ_ONLY,
    "other_authority_administrator": OTHER_COUNCILS_READ_ONLY,
    "platform_administrator": admin_row(add=FORBIDDEN, save=FORBIDDEN),
}

ADMIN_MATRIX = {
    # Requests for reset links belong to no council: only platform administrators read or clear them.
    "accounts.resetrequest": {
        "administrator": dict.fromkeys(ADMIN_VIEWS, FORBIDDEN),
        "other_authority_administrator": dict.fromkeys(ADMIN_VIEWS, FORBIDDEN),
        "platform_administrator": admin_row(add=FORBIDDEN, save=FORBIDDEN),
    },
    "accounts.localauthority": {**SHARED_REFERENCE_DATA, "other_authority_administrator": OTHER_COUNCILS_READ_ONLY},
    "accounts.user": COUNCIL_RECORD,
    "auth.group": dict.fromkeys(ADMIN_ROLES, READ_ONLY),  # the roles are the product's (accounts/roles.py)
    "inspections.inspection": COUNCIL_RECORD,
    "inspections.judgement": COUNCIL_RECORD,
    "inspections.improvementarea": COUNCIL_RECORD,
    "inspections.judgementarea": SHARED_REFERENCE_DATA,
    "inspections.theme": SHARED_REFERENCE_DATA,
    # Actions have history, so they are archived, never deleted.
    "actions.actionitem": {
        "administrator": admin_row(delete=FORBIDDEN),
        "other_authority_administrator": OTHER_COUNCILS,
        "platform_administrator": admin_row(delete=FORBIDDEN),
    },
    # History is append-only.
    "actions.progressupdate": {
        "administrator": READ_ONLY,
        "other_authority_administrator": OTHER_COUNCILS_READ_ONLY,
        "platform_administrator": READ_ONLY,
    },
    "deadlines.closureday": COUNCIL_RECORD,
    "deadlines.intervention": COUNCIL_RECORD,
    # Milestones change on the inspection's page, where their history is written.
    "deadlines.milestone": {
        "administrator": READ_ONLY,
        "other_authority_administrator": OTHER_COUNCILS_READ_ONLY,
        "platform_administrator": READ_ONLY,
    },
    "measures.measure": COUNCIL_RECORD,
    # Corrections are history, made on the measure's page.
    "measures.correction": {
        "administrator": READ_ONLY,
        "other_authority_administrator": OTHER_COUNCILS_READ_ONLY,
        "platform_administrator": READ_ONLY,
    },
    # A record of what was sent: read only, each council's administrators see their own people's.
    "reminders.outboundemail": {
        "administrator": READ_ONLY,
        "other_authority_administrator": OTHER_COUNCILS_READ_ONLY,
        "platform_administrator": READ_ONLY,
    },
    "axes.accessattempt": SIGN_IN_RECORD,
    "axes.accesslog": SIGN_IN_RECORD,
    "axes.accessfailurelog": SIGN_IN_RECORD,
}


def label(model):
    return model._meta.label_lower


@pytest.fixture
def admin_world(world, bromley, essex):
    """One object of every model in the admin, of Bromley where it belongs to a council; the three admin roles."""
    judgement = JudgementFactory(inspection=world["inspection"])
    owner = world["users"]["owner"]
    sign_in = {"username": owner.username, "ip_address": "192.0.2.1", "user_agent": "Firefox", "path_info": "/"}
    objects = {
        "accounts.localauthority": bromley,
        "accounts.resetrequest": ResetRequest.objects.create(
            email_digest="0" * 64, ip_address="192.0.2.1", requested_at=timezone.now()
        ),
        "accounts.user": owner,
        "auth.group": Group.objects.get(name=roles.STAFF),
        "inspections.inspection": world["inspection"],
        "inspections.judgement": judgement,
        "inspections.improvementarea": world["area"],
        "inspections.judgementarea": judgement.area,
        "inspections.theme": world["area"].theme,
        "actions.actionitem": world["action"],
        "actions.progressupdate": ProgressUpdateFactory(action=world["action"]),
        "deadlines.closureday": ClosureDay.objects.create(
            local_authority=bromley, date=world["inspection"].end_date, name="Council closure day"
        ),
        "deadlines.intervention": world["intervention"],
        "deadlines.milestone": world["milestone"],
        "reminders.outboundemail": OutboundEmail.objects.create(
            key="assigned:1:1", kind=Kind.ASSIGNED, recipient=owner, to=owner.email, subject="Action assigned to you"
        ),
        "measures.measure": world["measure"],
        "measures.correction": CorrectionFactory(measure_value=world["measure_value"]),
        "axes.accessattempt": AccessAttempt.objects.create(
            **sign_in, get_data="", post_data="", failures_since_start=1
        ),
        "axes.accesslog": AccessLog.objects.create(**sign_in),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**sign_in),
    }
    users = {
        "administrator": world["users"]["administrator"],
        "other_authority_administrator": UserFactory(
            username="essex.admin", administrator=True, local_authority=essex
        ),
        "platform_administrator": UserFactory(username="root", platform_administrator=True),
    }
    return {"objects": objects, "users": users}


def admin_url(model, view, obj=None):
    name = "change" if view == "save" else view
    args = [] if view in ("changelist", "add") else [obj.pk]
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=args)


def admin_urls(objects):
    """The changelist, add, change and history pages of every model in the admin."""
    for model in admin.site._registry:
        for view in ("changelist", "add", "change", "history"):
            yield admin_url(model, view, objects[label(model)])


def test_every_admin_model_has_an_entry_in_the_matrix():
    assert {label(model) for model in admin.site._registry} == set(ADMIN_MATRIX)


@pytest.mark.parametrize("role", ["owner", "other_staff", "leader", "other_authority_leader"])
def test_only_administrators_reach_the_admin(client, world, admin_world, role):
    client.force_login(world["users"][role])
    for url in [reverse("admin:index"), *admin_urls(admin_world["objects"])]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


@pytest.mark.parametrize("role", ADMIN_ROLES)
@pytest.mark.parametrize("model_label", sorted(ADMIN_MATRIX))
def test_admin(client, admin_world, model_label, role):
    model = apps.get_model(model_label)
    obj = admin_world["objects"][model_label]
    client.force_login(admin_world["users"][role])
    for view, expected in ADMIN_MATRIX[model_label][role].items():
        url = admin_url(model, view, obj)
        response = client.post(url) if view == "save" else client.get(url)
        assert response.status_code == expected, f"{view} {url} as {role}"


@pytest.mark.parametrize("role", ADMIN_ROLES)
@pytest.mark.parametrize("model_label", sorted(ADMIN_MATRIX))
def test_the_admin_lists_an_object_exactly_when_it_opens_it(client, admin_world, model_label, role):
    model = apps.get_model(model_label)
    obj = admin_world["objects"][model_label]
    client.force_login(admin_world["users"][role])

    changelist = client.get(admin_url(model, "changelist"))

    listed = changelist.status_code == OK and obj in changelist.context["cl"].result_list

    assert listed == (ADMIN_MATRIX[model_label][role]["change"] == OK)


def test_exports_hold_nothing_of_another_authority(client, world):
    client.force_login(world["users"]["other_authority_leader"])
    csv = client.get(reverse("action_export_csv")).getvalue().decode("utf-8-sig")
    assert world["action"].title not in csv
    assert len(csv.strip().splitlines()) == 1  # the header row only
    for name in ("measure_export", "measure_values_export"):
        csv = client.get(reverse(name, args=["csv"])).getvalue().decode("utf-8-sig")
        assert world["measure"].name not in csv
        assert len(csv.strip().splitlines()) == 1
