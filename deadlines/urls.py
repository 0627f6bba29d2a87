from django.urls import path

from . import views

urlpatterns = [
    path("inspections/<int:pk>/date-received/", views.receipt_edit, name="receipt_edit"),
    path("inspections/<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/submission/", views.submission_edit, name="submission_edit"),
    path("milestones/<int:pk>/response/", views.response_edit, name="response_edit"),
    path("interventions/", views.intervention_list, name="intervention_list"),
]
