"""A dashboard count linking to the list behind it (plans.dashboard.count_link), with the words a screen reader
reads after it."""

from django.utils.html import format_html

from plans.dashboard import count_link


def test_a_count_links_to_its_list_and_says_what_it_counts():
    assert count_link(2, "/actions/?rag=red&owner=3", adjective="red", where="1. Return home interviews") == (
        '<a class="govuk-link" href="/actions/?rag=red&amp;owner=3">2<span class="govuk-visually-hidden">'
        " red actions, 1. Return home interviews</span></a>"
    )


def test_one_action_is_counted_in_the_singular():
    assert count_link(1, "/actions/", suffix=" in total") == (
        '<a class="govuk-link" href="/actions/">1<span class="govuk-visually-hidden"> action in total</span></a>'
    )


def test_zero_links_nowhere():
    assert count_link(0, "/actions/?overdue=yes", adjective="overdue", where="Jo Bloggs") == (
        '0<span class="govuk-visually-hidden"> overdue actions</span>'
    )


def test_names_are_escaped_and_markup_already_safe_is_kept():
    link = count_link(3, "/actions/", where="Ann O'Neil & <Co>", suffix=format_html("<b>{}</b>", " due"))
    assert link == (
        '<a class="govuk-link" href="/actions/">3<span class="govuk-visually-hidden"> actions<b> due</b>,'
        " Ann O&#x27;Neil &amp; &lt;Co&gt;</span></a>"
    )
