"""The email settings page: each person chooses which reminders they get."""

from django.urls import reverse

from reminders.models import EmailSettings
from tests.html import page_text

URL = reverse("email_settings")


def checked(response):
    """The labels of the ticked boxes."""
    form = response.context["form"]
    chosen = set(form["emails"].value() or [])
    return [label for value, label in form.fields["emails"].choices if value in chosen]


def test_everything_is_on_until_the_person_changes_it(client, staff_user):
    client.force_login(staff_user)

    response = client.get(URL)

    assert "Email settings" in page_text(response)
    assert checked(response) == [
        "Weekly digest of my actions and measures",
        "An email when an action is assigned to me",
    ]


def test_a_leader_also_chooses_their_authoritys_digest(client, leader):
    client.force_login(leader)

    response = client.get(URL)

    assert "Weekly digest of my authority's actions" in page_text(response)
    assert "An email when an action is completed and awaits sign-off" in page_text(response)


def test_staff_are_not_offered_the_leaders_emails(client, staff_user):
    client.force_login(staff_user)

    assert "Weekly digest of my authority's actions" not in page_text(client.get(URL))


def test_switching_a_reminder_off_saves_it_and_says_so(client, staff_user):
    client.force_login(staff_user)

    response = client.post(URL, {"emails": ["assigned"]}, follow=True)

    assert "Email settings saved" in page_text(response)
    assert checked(response) == ["An email when an action is assigned to me"]
    saved = EmailSettings.objects.get(user=staff_user)
    assert (saved.owner_digest, saved.assigned) == (False, True)


def test_staff_saving_leaves_the_leaders_settings_as_they_were(client, staff_user):
    EmailSettings.objects.create(user=staff_user, leader_digest=False)
    client.force_login(staff_user)

    client.post(URL, {"emails": ["owner_digest", "assigned"]})

    assert EmailSettings.objects.get(user=staff_user).leader_digest is False


def test_an_unknown_choice_is_refused_and_nothing_saved(client, staff_user):
    client.force_login(staff_user)

    response = client.post(URL, {"emails": ["leader_digest"]})

    assert response.status_code == 200
    assert "Select a valid choice" in page_text(response)
    assert not EmailSettings.objects.exists()


def test_the_header_links_to_the_page(client, staff_user):
    client.force_login(staff_user)

    assert f'href="{URL}"' in client.get(reverse("my_actions")).content.decode()


def test_the_page_uses_a_bounded_number_of_queries(client, leader, django_assert_max_num_queries):
    client.force_login(leader)
    with django_assert_max_num_queries(10):
        client.get(URL)
    with django_assert_max_num_queries(15):
        client.post(URL, {"emails": ["owner_digest"]})
