"""Which page links the pagination shows, and how a list page draws them."""

import pytest

from bromley_tracker.pagination import page_numbers
from tests.factories import ActionItemFactory
from tests.html import document, links


@pytest.mark.parametrize(
    ("current", "last", "shown"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (2, 2, [1, 2]),
        (1, 3, [1, 2, 3]),
        (1, 5, [1, 2, None, 5]),
        (3, 5, [1, 2, 3, 4, 5]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (4, 10, [1, 2, 3, 4, 5, None, 10]),
        (10, 10, [1, None, 9, 10]),
        (9, 10, [1, None, 8, 9, 10]),
        (50, 100, [1, None, 49, 50, 51, None, 100]),
    ],
)
def test_it_shows_the_first_last_and_current_pages_and_their_neighbours(current, last, shown):
    assert page_numbers(current, last) == shown


def test_a_list_links_to_each_page_by_number_and_marks_the_current_one(client, leader, area):
    ActionItemFactory.create_batch(101, improvement_area=area)
    client.force_login(leader)
    response = client.get("/actions/", {"status": "not_started", "page": 2})
    pagination = document(response).find("nav", **{"aria-label": "Pagination"})
    assert links(pagination) == [
        ("Previous page", "?status=not_started&page=1"),
        ("Page 1", "?status=not_started&page=1"),
        ("Page 2", "?status=not_started&page=2"),
        ("Page 3", "?status=not_started&page=3"),
        ("Next page", "?status=not_started&page=3"),
    ]
    [current] = pagination.find_all("a", **{"aria-current": "page"})
    assert current.text == "2"


def test_pages_far_from_the_current_one_are_left_out_with_an_ellipsis(client, leader, area):
    ActionItemFactory.create_batch(251, improvement_area=area)
    client.force_login(leader)
    pagination = document(client.get("/actions/")).find("nav", **{"aria-label": "Pagination"})
    assert pagination.find("ul").text == "1 2 ⋯ 6"
