from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from actions.models import Rag

register = template.Library()

RAG_LABELS = dict(Rag.choices)


@register.simple_tag
def rag_tag(rag):
    """{% rag_tag action.rag %}: the RAG rating as a tag that carries its word, not only its colour."""
    if rag not in RAG_LABELS:
        return ""
    return format_html('<strong class="govuk-tag app-rag app-rag--{}">{}</strong>', rag, RAG_LABELS[rag])


@register.simple_tag
def overdue_tag():
    """How every page marks an overdue action."""
    return mark_safe('<strong class="govuk-tag govuk-tag--red">Overdue</strong>')
