from django.urls import path

from .views import detail, edit, listing, my_actions

urlpatterns = [
    path("", my_actions.my_actions, name="my_actions"),
    path("actions/", listing.action_list, name="action_list"),
    path("actions/export.csv", listing.action_export_csv, name="action_export_csv"),
    path("actions/export.xlsx", listing.action_export_xlsx, name="action_export_xlsx"),
    path("actions/new/", edit.action_create, name="action_create"),
    path("actions/<int:pk>/", detail.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", edit.action_edit, name="action_edit"),
    path("actions/<int:pk>/sign-off/", edit.action_sign_off, name="action_sign_off"),
    path("actions/<int:pk>/reopen/", edit.action_reopen, name="action_reopen"),
    path("actions/<int:pk>/withdraw/", edit.action_withdraw, name="action_withdraw"),
]
