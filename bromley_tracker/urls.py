from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.index_title = "Data entry"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("plans.urls")),
    path("", include("actions.urls")),
]

handler400 = "bromley_tracker.views.bad_request"
handler403 = "bromley_tracker.views.permission_denied"
handler404 = "bromley_tracker.views.page_not_found"
handler500 = "bromley_tracker.views.server_error"
