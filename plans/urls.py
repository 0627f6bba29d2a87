from django.urls import path

from . import views

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/board-report/", views.board_report, name="board_report"),
    path("areas/<int:pk>/", views.area_detail, name="area_detail"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
