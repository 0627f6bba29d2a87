"""Actions in the admin: every status change goes through the progress service; history is read-only."""

import datetime

import pytest
from django.urls import reverse

from actions.models import ActionItem, ProgressUpdate, Status, UpdateKind
from actions.services import SIGNED_OFF_MESSAGE, record_progress
from tests.factories import ProgressUpdateFactory, UserFactory, after_creation

OWNER_MESSAGE = "Choose an owner from the same local authority as the action."


def form_data(response):
    """What the page's admin form, with its inlines, posts when submitted unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if value is not None and value is not False:
                data[bound.html_name] = value
            if field.show_hidden_initial:
                # As the page renders it: a form shown again carries on the initial value it was posted.
                initial = form.data.get(bound.html_initial_name, bound.initial)
                if initial is not None:
                    data[bound.html_initial_name] = initial
    return data


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", platform_administrator=True)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def post_change(client, obj, **changes):
    url = change_url(obj)
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


# The action's change form


def test_a_status_change_writes_one_progress_update_by_the_administrator(admin_client, administrator, action):
    response = post_change(admin_client, action, status=Status.IN_PROGRESS)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    [update] = after_creation(action)
    assert (update.author, update.status_before, update.status_after) == (
        administrator,
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
    )
    assert update.note == f"Status changed to In progress in the admin by {administrator}."


def test_changing_only_the_title_records_the_edit_but_no_status_change(admin_client, administrator, action):
    response = post_change(admin_client, action, title="Audit every return home interview")

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.status) == ("Audit every return home interview", Status.NOT_STARTED)
    [update] = after_creation(action)
    assert not update.is_status_change
    assert (update.author, update.note) == (administrator, "Edited the title.")


def test_saving_without_changes_writes_nothing(admin_client, action):
    response = post_change(admin_client, action)

    assert response.status_code == 302
    assert not after_creation(action).exists()


def test_a_change_of_owner_is_recorded_as_a_reassignment(admin_client, action, other_staff_user):
    response = post_change(admin_client, action, owner=other_staff_user.pk)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner == other_staff_user
    update = after_creation(action).get()
    assert update.kind == UpdateKind.REASSIGNED
    assert update.note.endswith(f"to {other_staff_user}.")


def test_an_edit_and_a_status_change_together_write_a_row_each(admin_client, action):
    post_change(admin_client, action, title="Renamed", status=Status.IN_PROGRESS)

    action.refresh_from_db()
    assert [(u.status_before, u.status_after) for u in after_creation(action).order_by("pk")] == [
        (Status.NOT_STARTED, Status.NOT_STARTED),
        (Status.NOT_STARTED, Status.IN_PROGRESS),
    ]


def test_a_stale_form_is_refused_rather_than_undo_a_change_made_meanwhile(admin_client, action, staff_user):
    url = change_url(action)
    page = admin_client.get(url)
    assert 'name="initial-status"' in page.text and 'name="expected_version"' in page.text
    stale = form_data(page)
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    response = admin_client.post(url, {**stale, "title": "Renamed"})

    assert response.status_code == 200
    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith(f"{staff_user} changed this action")
    action.refresh_from_db()
    assert (action.title, action.status) == ("Audit return home interviews", Status.IN_PROGRESS)
    assert after_creation(action).count() == 1


def test_a_stale_form_with_no_edits_saves_nothing(admin_client, action, staff_user):
    url = change_url(action)
    stale = form_data(admin_client.get(url))
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")

    response = admin_client.post(url, stale)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert after_creation(action).count() == 1


def test_a_stale_form_saved_again_knowingly_saves_only_what_this_person_changed(admin_client, action, staff_user):
    url = change_url(action)
    stale = form_data(admin_client.get(url))
    record_progress(action=action, author=staff_user, status=Status.IN_PROGRESS, note="Begun")
    refused = admin_client.post(url, {**stale, "title": "Renamed"})

    response = admin_client.post(url, form_data(refused))

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.status) == ("Renamed", Status.IN_PROGRESS)


@pytest.mark.parametrize("status", [Status.BLOCKED, Status.COMPLETED])
def test_the_admin_writes_the_note_a_blocked_or_completed_action_needs(admin_client, action, status):
    response = post_change(admin_client, action, status=status)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == status
    assert "in the admin by" in after_creation(action).get().note


def test_completing_sets_the_completion_date(admin_client, action):
    post_change(admin_client, action, status=Status.COMPLETED)

    action.refresh_from_db()
    assert action.completed_on is not None


def test_an_administrator_signs_off_a_completed_action(admin_client, action, staff_user):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")

    response = post_change(admin_client, action, status=Status.SIGNED_OFF)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.SIGNED_OFF


def test_signing_off_an_action_that_is_not_completed_is_a_form_error(admin_client, action):
    response = post_change(admin_client, action, status=Status.SIGNED_OFF, title="Renamed")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == ["Only a completed action can be signed off."]
    action.refresh_from_db()
    assert (action.title, action.status) == ("Audit return home interviews", Status.NOT_STARTED)
    assert not after_creation(action).exists()


def test_the_completion_date_cannot_be_typed_in(admin_client, action):
    form = admin_client.get(change_url(action)).context["adminform"].form

    assert "completed_on" not in form.fields


def test_an_owner_from_another_authority_is_refused_with_a_field_message(client, superuser, action, other_leader):
    client.force_login(superuser)

    response = post_change(client, action, owner=other_leader.pk, status=Status.IN_PROGRESS)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["owner"] == [OWNER_MESSAGE]
    action.refresh_from_db()
    assert action.owner != other_leader
    assert action.status == Status.NOT_STARTED
    assert not after_creation(action).exists()


def test_an_administrator_is_not_offered_another_authoritys_owner(admin_client, action, other_leader):
    response = post_change(admin_client, action, owner=other_leader.pk)

    assert response.status_code == 200
    assert "owner" in response.context["adminform"].form.errors
    action.refresh_from_db()
    assert action.owner != other_leader


# Adding an action


def add_action(client, **fields):
    url = reverse("admin:actions_actionitem_add")
    data = form_data(client.get(url))
    data.update(fields)
    return client.post(url, data)


def test_adding_an_action_writes_its_first_history_row(admin_client, administrator, area, staff_user):
    response = add_action(
        admin_client, improvement_area=area.pk, title="Train the team", owner=staff_user.pk, due_date="2030-03-31"
    )

    assert response.status_code == 302
    action = ActionItem.objects.get(title="Train the team")
    assert (action.owner, action.created_by, action.due_date) == (
        staff_user,
        administrator,
        datetime.date(2030, 3, 31),
    )
    [update] = action.updates.all()
    assert (update.author, update.status_before, update.status_after) == (administrator, "", Status.NOT_STARTED)


def test_adding_an_action_already_in_progress_records_the_change(admin_client, area, staff_user):
    add_action(
        admin_client,
        improvement_area=area.pk,
        title="Train the team",
        owner=staff_user.pk,
        due_date="2030-03-31",
        status=Status.IN_PROGRESS,
    )

    action = ActionItem.objects.get(title="Train the team")
    assert action.status == Status.IN_PROGRESS
    assert [(u.status_before, u.status_after) for u in action.updates.order_by("pk")] == [
        ("", Status.NOT_STARTED),
        (Status.NOT_STARTED, Status.IN_PROGRESS),
    ]


def test_a_new_action_cannot_be_signed_off(admin_client, area, staff_user):
    response = add_action(
        admin_client,
        improvement_area=area.pk,
        title="Train the team",
        owner=staff_user.pk,
        due_date="2030-03-31",
        status=Status.SIGNED_OFF,
    )

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not ActionItem.objects.exists()


def test_adding_an_action_with_another_authoritys_owner_saves_nothing(client, superuser, area, other_leader):
    client.force_login(superuser)

    response = add_action(
        client, improvement_area=area.pk, title="Train the team", owner=other_leader.pk, due_date="2030-03-31"
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["owner"] == [OWNER_MESSAGE]
    assert not ActionItem.objects.exists()
    assert not ProgressUpdate.objects.exists()


# The improvement area's page leads to its actions in their own admin


def test_the_area_page_links_to_its_actions_and_to_a_new_one(admin_client, area, action):
    response = admin_client.get(reverse("admin:inspections_improvementarea_change", args=[area.pk]))

    assert "See this area's actions" in response.text
    listing = admin_client.get(
        reverse("admin:actions_actionitem_changelist"), {"improvement_area__id__exact": area.pk}
    )
    assert action.title in listing.text
    add = admin_client.get(reverse("admin:actions_actionitem_add"), {"improvement_area": area.pk})
    assert add.context["adminform"].form.initial["improvement_area"] == str(area.pk)


def test_actions_cannot_be_deleted(admin_client, action):
    url = reverse("admin:actions_actionitem_delete", args=[action.pk])

    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert ActionItem.objects.filter(pk=action.pk).exists()


def test_the_action_list_offers_no_bulk_delete(admin_client, action):
    response = admin_client.get(reverse("admin:actions_actionitem_changelist"))

    assert "delete_selected" not in response.text


def test_selected_actions_are_archived_with_a_history_row(admin_client, administrator, action):
    response = admin_client.post(
        reverse("admin:actions_actionitem_changelist"),
        {"action": "archive_selected", "_selected_action": [action.pk]},
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.archived_at is not None
    assert after_creation(action).get().author == administrator


# Progress updates: append-only


@pytest.fixture
def update(action):
    return ProgressUpdateFactory(action=action)


def test_the_action_page_shows_its_history_read_only(admin_client, action, update):
    response = admin_client.get(change_url(action))

    [history] = response.context["inline_admin_formsets"]
    assert list(history.formset.queryset) == [update, action.updates.get(kind=UpdateKind.CREATED)]
    assert not history.has_add_permission
    assert not history.has_change_permission
    assert not history.has_delete_permission


def test_a_progress_update_is_shown_without_a_save_button(admin_client, update):
    response = admin_client.get(change_url(update))

    assert response.status_code == 200
    assert 'name="_save"' not in response.text
    assert update.note in response.text


def test_a_progress_update_cannot_be_changed(admin_client, update):
    response = admin_client.post(change_url(update), {"note": "Rewritten"})

    assert response.status_code == 403
    update.refresh_from_db()
    assert update.note == "Started work."


def test_a_progress_update_cannot_be_deleted(admin_client, update):
    url = reverse("admin:actions_progressupdate_delete", args=[update.pk])

    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert ProgressUpdate.objects.filter(pk=update.pk).exists()


def test_a_progress_update_cannot_be_added(admin_client):
    assert admin_client.get(reverse("admin:actions_progressupdate_add")).status_code == 403


def test_the_progress_update_list_offers_no_bulk_delete(admin_client, update):
    response = admin_client.get(reverse("admin:actions_progressupdate_changelist"))

    assert response.status_code == 200
    assert "delete_selected" not in response.text


def test_a_save_that_loses_a_race_after_validation_is_refused_and_nothing_is_saved(
    admin_client, action, staff_user, monkeypatch
):
    import actions.admin
    from actions.services import update_action as real_update_action

    def someone_saves_first(**kwargs):
        # Someone else records progress between this form's checks and its save.
        record_progress(action=ActionItem.objects.get(pk=action.pk), author=staff_user, status=Status.IN_PROGRESS)
        return real_update_action(**kwargs)

    monkeypatch.setattr(actions.admin, "update_action", someone_saves_first)
    response = post_change(admin_client, action, title="A new title")

    assert response.status_code == 302
    page = admin_client.get(response.url).content.decode()
    assert "after you opened it" in page and "Nothing was saved." in page
    action.refresh_from_db()
    assert action.title != "A new title"
    assert not ProgressUpdate.objects.filter(action=action, note__contains="title").exists()


# Records that stay put


@pytest.fixture
def signed_off(action, staff_user, leader):
    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")
    record_progress(action=action, author=leader, status=Status.SIGNED_OFF, note="Evidence seen")
    return action


@pytest.mark.parametrize(
    "changes",
    [{"title": "Rewritten after sign-off"}, {"status": Status.IN_PROGRESS}, {"due_date": "2031-01-31"}],
    ids=["title", "status", "due date"],
)
def test_a_signed_off_action_cannot_be_changed_in_the_admin(admin_client, signed_off, changes):
    response = post_change(admin_client, signed_off, **changes)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [SIGNED_OFF_MESSAGE]
    assert SIGNED_OFF_MESSAGE in response.text
    signed_off.refresh_from_db()
    assert (signed_off.title, signed_off.status) == ("Audit return home interviews", Status.SIGNED_OFF)
    assert after_creation(signed_off).count() == 2


def test_an_action_signed_off_after_the_form_was_checked_is_refused_and_nothing_is_saved(
    admin_client, action, staff_user, leader, monkeypatch
):
    import actions.admin
    from actions.services import update_action as real_update_action

    record_progress(action=action, author=staff_user, status=Status.COMPLETED, note="Done")

    def signed_off_first(**kwargs):
        record_progress(
            action=ActionItem.objects.get(pk=action.pk), author=leader, status=Status.SIGNED_OFF, note="Seen"
        )
        return real_update_action(**kwargs)

    monkeypatch.setattr(actions.admin, "update_action", signed_off_first)
    response = post_change(admin_client, action, title="A new title")

    assert response.status_code == 302
    page = admin_client.get(response.url).text
    assert "This action has been signed off, so it cannot be changed" in page and "Nothing was saved." in page
    action.refresh_from_db()
    assert (action.title, action.status) == ("Audit return home interviews", Status.COMPLETED)


def test_archiving_selected_leaves_signed_off_actions_as_they_are(admin_client, signed_off, area, staff_user):
    from tests.factories import ActionItemFactory

    other = ActionItemFactory(improvement_area=area, owner=staff_user)

    response = admin_client.post(
        reverse("admin:actions_actionitem_changelist"),
        {"action": "archive_selected", "_selected_action": [signed_off.pk, other.pk]},
        follow=True,
    )

    assert "Archived 1 action item." in response.text
    assert "1 signed-off action item was not archived" in response.text
    signed_off.refresh_from_db()
    other.refresh_from_db()
    assert signed_off.archived_at is None and other.archived_at is not None


def test_a_change_of_due_date_in_the_admin_needs_a_reason(admin_client, action):
    response = post_change(admin_client, action, due_date="2031-01-31")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["due_date_reason"] == [
        "Enter the reason for changing the due date"
    ]
    action.refresh_from_db()
    assert action.due_date != datetime.date(2031, 1, 31)


def test_a_change_of_due_date_in_the_admin_keeps_the_original_and_the_reason(admin_client, action):
    original = action.due_date

    response = post_change(admin_client, action, due_date="2031-01-31", due_date_reason="Budget moved a year")

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.due_date, action.original_due_date) == (datetime.date(2031, 1, 31), original)
    assert after_creation(action).get().note.endswith("Reason: Budget moved a year")


def test_a_new_action_in_the_admin_cannot_be_due_in_the_past(admin_client, area, staff_user):
    response = add_action(
        admin_client, improvement_area=area.pk, title="Train the team", owner=staff_user.pk, due_date="2020-03-31"
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["due_date"] == ["Due date must be today or in the future"]
    assert not ActionItem.objects.exists()


def test_a_stale_form_after_your_own_change_says_you_changed_it(admin_client, administrator, action):
    url = change_url(action)
    stale = form_data(admin_client.get(url))
    assert post_change(admin_client, action, title="Renamed in the other window").status_code == 302

    response = admin_client.post(url, {**stale, "success_measure": "Every child is offered an interview."})

    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith("You changed this action in another window at ")


def test_the_add_page_does_not_ask_why_the_due_date_changed(admin_client, action):
    add = admin_client.get(reverse("admin:actions_actionitem_add")).text
    change = admin_client.get(change_url(action)).text

    assert "Reason for changing the due date" not in add
    assert "Reason for changing the due date" in change
