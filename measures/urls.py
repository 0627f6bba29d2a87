from django.urls import path, re_path

from . import views

urlpatterns = [
    path("measures/", views.measure_list, name="measure_list"),
    re_path(r"^measures/export\.(?P<ext>csv|xlsx)$", views.measure_export, name="measure_export"),
    re_path(r"^measures/values\.(?P<ext>csv|xlsx)$", views.measure_values_export, name="measure_values_export"),
    path("measures/new/", views.measure_create, name="measure_create"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path(
        "measures/<int:pk>/values/<int:value_pk>/correct/", views.measure_value_correct, name="measure_value_correct"
    ),
]
