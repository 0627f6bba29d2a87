from django.contrib import admin
from django.urls import include, path

from accounts.admin import view_on_site
from accounts.forms import AdminSignInForm

from . import views

admin.site.index_title = "Data entry"
admin.site.login_form = AdminSignInForm

urlpatterns = [
    # Ahead of the admin's own "view on site", which tells whether another council's id exists.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("reminders.urls")),
    path(views.HEALTH_CHECK_PATH.removeprefix("/"), views.healthz, name="healthz"),
    path("", include("plans.urls")),
    path("", include("actions.urls")),
    path("", include("deadlines.urls")),
    path("", include("measures.urls")),
]

handler400 = "bromley_tracker.views.bad_request"
handler403 = "bromley_tracker.views.permission_denied"
handler404 = "bromley_tracker.views.page_not_found"
handler500 = "bromley_tracker.views.server_error"
