"""Service-wide middleware: a request ID for every log line, the Content Security Policy, the NUL
character check, the health check and the session's refresh."""

import datetime
import re
import uuid

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import BadRequest
from django.utils import timezone

from . import views
from .log import request_id_var

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIDMiddleware:
    """Give each request an ID (a proxy's X-Request-ID if it looks safe) and echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response


class ContentSecurityPolicyMiddleware:
    """Only the app's own scripts, styles, images and fonts; no framing, no plug-ins."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        return response


class RejectNullCharactersMiddleware:
    """A NUL character in a query, a form or a header is never meant (PostgreSQL cannot even store it): 400.

    A cookie holding one is dropped instead: a person cannot easily clear a bad cookie, and a 400 on
    every page would shut them out. Without it they are signed out at worst, and signing in replaces it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        headers = (value for name, value in request.META.items() if name.startswith("HTTP_") and name != "HTTP_COOKIE")
        if any("\x00" in value for value in headers if isinstance(value, str)):
            raise BadRequest("A header holds a NUL character.")
        if any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items()):
            request.COOKIES = {
                name: value for name, value in request.COOKIES.items() if "\x00" not in name and "\x00" not in value
            }
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in query or "%00" in query:
            raise BadRequest("The address holds a NUL character.")
        if request.method == "POST" and any("\x00" in value for _, values in request.POST.lists() for value in values):
            raise BadRequest("The form holds a NUL character.")
        return self.get_response(request)


class HealthCheckMiddleware:
    """Answers the health check before the session middleware, which reads a visitor's session and may save
    it: with the database down, that would turn the health check's 503 into a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == views.HEALTH_CHECK_PATH:
            return views.healthz(request)
        return self.get_response(request)


class SessionRefreshMiddleware:
    """Keeps a signed-in person's session alive while they use the service, saving it at most once every
    SESSION_REFRESH_INTERVAL seconds instead of on every request (an UPDATE and a commit per page).

    Every save sets the session's expiry SESSION_COOKIE_AGE (the idle limit plus the interval) ahead, so
    the expiry read with the session (bromley_tracker/sessions.py) says when it was last saved. When that
    is an interval ago or more, this marks the session modified and the session middleware, just outside
    this one, saves it. Visitors who are not signed in keep no session through this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = request.session
        # A session modified here (signing in, a message) is saved anyway.
        if SESSION_KEY in session and not session.modified and not self.saved_lately(session):
            session.modified = True
        return response

    @staticmethod
    def saved_lately(session):
        """Whether the session was saved less than an interval ago. A save "in the future" (a clock set
        back) is not: trusting it could sign someone out early."""
        if session.expire_date is None:
            return False
        saved_at = session.expire_date - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        since = timezone.now() - saved_at
        return datetime.timedelta(0) <= since < datetime.timedelta(seconds=settings.SESSION_REFRESH_INTERVAL)
