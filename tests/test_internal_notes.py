"""A progress note can be marked internal when it is written: the action's history says so, and no board pack
but the improvement board's shows it (tests/test_board_pack_audiences.py)."""

from actions.models import ProgressUpdate, Status
from actions.services import record_progress
from tests.html import document, labels, main_text

LABEL = "Internal note: for the improvement board only"


def post_update(client, action, **data):
    return client.post(f"/actions/{action.pk}/", {"version": action.version, **data}, follow=True)


def test_the_update_progress_form_offers_the_choice(client, staff_user, action):
    client.force_login(staff_user)
    response = client.get(f"/actions/{action.pk}/")
    assert LABEL in labels(response)
    assert "Board packs for scrutiny, the Department for Education, Ofsted and the public leave it out." in main_text(
        response
    )


def test_a_note_marked_internal_is_kept_as_internal_and_tagged_in_the_history(client, staff_user, action):
    client.force_login(staff_user)
    response = post_update(client, action, status=Status.IN_PROGRESS, note="Briefed the lead member.", internal="on")
    assert "Progress update saved" in main_text(response)
    update = ProgressUpdate.objects.filter(action=action).latest("created_at")
    assert update.internal is True and update.note == "Briefed the lead member."
    [entry] = [item for item in document(response).find(id="history-list").find_all("li") if "Briefed" in item.text]
    assert "Internal" in entry.text


def test_a_note_is_not_internal_unless_marked(client, staff_user, action):
    client.force_login(staff_user)
    post_update(client, action, status=Status.IN_PROGRESS, note="Audit started.")
    assert ProgressUpdate.objects.filter(action=action).latest("created_at").internal is False


def test_the_service_records_it(action, staff_user):
    update = record_progress(action=action, author=staff_user, status=Status.BLOCKED, note="Held up.", internal=True)
    assert ProgressUpdate.objects.get(pk=update.pk).internal is True
