from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from actions.models import RAG_MEANINGS, Rag

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


@register.simple_tag
def rag_reason(action, sign_off=None):
    """{% rag_reason action sign_off %}: why the action has its rating; sign_off is its signing-off history row."""
    signed_off_on = timezone.localdate(sign_off.created_at) if sign_off else None
    return action.rag_reason(signed_off_on=signed_off_on)


@register.inclusion_tag("actions/includes/rag_key.html")
def rag_key(expanded=False):
    """{% rag_key %}: "What the ratings mean", from actions.models.RAG_MEANINGS; folded away unless `expanded`
    (the board report prints it)."""
    return {"meanings": [(rag.value, RAG_MEANINGS[rag]) for rag in Rag], "expanded": expanded}
