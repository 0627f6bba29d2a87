from django import template
from django.utils.html import format_html

from measures.models import Impact

register = template.Library()

IMPACT_LABELS = dict(Impact.choices)
# The RAG tags' colours: blue for met, green, amber and red, and grey for no data.
IMPACT_CLASSES = {
    Impact.MET: "app-rag app-rag--complete",
    Impact.ON_TRACK: "app-rag app-rag--green",
    Impact.BEHIND: "app-rag app-rag--amber",
    Impact.OFF_TRACK: "app-rag app-rag--red",
    Impact.NO_DATA: "app-rag govuk-tag--grey",
}


@register.simple_tag
def impact_tag(impact):
    """{% impact_tag measure.impact %}: the impact rating as a tag that carries its word, not only its colour."""
    if impact not in IMPACT_LABELS:
        return ""
    return format_html('<strong class="govuk-tag {}">{}</strong>', IMPACT_CLASSES[impact], IMPACT_LABELS[impact])


@register.simple_tag
def measure_value(measure, value):
    """{% measure_value measure value %}: "95%", "12.5 days"."""
    return measure.format(value)
