from django.urls import path

from . import views
from .importing import views as importing
from .packs import views as packs

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/board-report/", views.board_report, name="board_report"),
    path("inspections/<int:pk>/import/", importing.plan_import, name="plan_import"),
    path("inspections/<int:pk>/import/template.xlsx", importing.plan_import_template, name="plan_import_template"),
    path("inspections/<int:pk>/import/<int:pending_pk>/", importing.plan_import_preview, name="plan_import_preview"),
    path(
        "inspections/<int:pk>/import/<int:pending_pk>/confirm/",
        importing.plan_import_confirm,
        name="plan_import_confirm",
    ),
    path("areas/<int:pk>/", views.area_detail, name="area_detail"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("board-packs/new/", packs.board_pack_new, name="board_pack_new"),
    path("board-packs/", packs.board_pack, name="board_pack"),
    path("board-packs/pdf/", packs.board_pack_pdf, name="board_pack_pdf"),
    path("public/<str:code>/", packs.public_page, name="public_page"),
    path("public/<str:code>/pdf/", packs.public_pdf, name="public_pdf"),
]
