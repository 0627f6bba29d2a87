"""{% page_items page_obj as items %}: the page links GOV.UK pagination shows (templates/includes/pagination.html)."""

from django import template

register = template.Library()


def page_numbers(current, last, *, around=1):
    """The pages to link to: the first, the last, the current and `around` either side of it, in order,
    with None where pages are left out (drawn as an ellipsis). A gap of a single page shows that page,
    since an ellipsis would take as much room.

        page_numbers(5, 10) == [1, None, 4, 5, 6, None, 10]
    """
    shown = sorted(n for n in {1, last, *range(current - around, current + around + 1)} if 1 <= n <= last)
    items, previous = [], 0
    for number in shown:
        if number - previous == 2:
            items.append(number - 1)
        elif number - previous > 2:
            items.append(None)
        items.append(number)
        previous = number
    return items


@register.simple_tag
def page_items(page_obj):
    return page_numbers(page_obj.number, page_obj.paginator.num_pages)
