"""Service-wide pages: the health check and the error pages."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# Served by HealthCheckMiddleware, ahead of sessions; the URL pattern gives it its name.
HEALTH_CHECK_PATH = "/healthz"


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """Whether the database answers. Says nothing else about it."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def server_error(request):
    # No request context: the error may have come from a context processor or the database.
    return render(None, "500.html", status=500)
