"""{% breadcrumb_trail %}: every page's breadcrumbs, from Home down, drawn by templates/includes/breadcrumbs.html.

    {% breadcrumb_trail "inspection_list" inspection area %}       Home › Inspections › <inspection> › <area>
    {% breadcrumb_trail "inspection_list" inspection current="Board report" %}

A string names a section's URL; an object (an inspection, improvement area, theme or action) links to its
page and reads as its title. The last item is the current page, unless `current` names a page below it.
Not named {% breadcrumbs %}: crispy_forms_gds, which the form pages load, has a tag of that name.
"""

from django import template
from django.urls import reverse

register = template.Library()

HOME = "my_actions"
SECTIONS = {
    "inspection_list": "Inspections",
    "theme_list": "Themes",
    "action_list": "All actions",
    "measure_list": "Measures",
}


def _crumb(item):
    if isinstance(item, str):
        return {"label": SECTIONS[item], "url": reverse(item)}
    label = item.title if isinstance(getattr(item, "title", None), str) else str(item)
    return {"label": label, "url": item.get_absolute_url()}


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumb_trail(*items, current=""):
    crumbs = [{"label": "Home", "url": reverse(HOME)}, *(_crumb(item) for item in items)]
    if current:
        crumbs.append({"label": current, "url": None})
    else:
        crumbs[-1]["url"] = None
    return {"crumbs": crumbs}
