from django import template

from actions.dashboard import count_link as build_count_link

register = template.Library()


@register.simple_tag
def count_link(count, url, adjective="", suffix="", where=""):
    """{% count_link count url adjective="red" %}: see actions.dashboard.count_link."""
    return build_count_link(count, url, adjective=adjective, suffix=suffix, where=where)
