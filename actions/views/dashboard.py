from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actions.dashboard import build_dashboard


@require_safe
@permission_required("actions.view_dashboard", raise_exception=True)
def dashboard(request):
    """Leaders' overview of their authority's actions, inspections and judgements."""
    return render(request, "actions/dashboard.html", {"dashboard": build_dashboard(request.user)})
