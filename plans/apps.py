from django.apps import AppConfig


class PlansConfig(AppConfig):
    """The pages that combine what Ofsted said (inspections) with what the council does (actions)."""

    name = "plans"
    verbose_name = "Plans"
