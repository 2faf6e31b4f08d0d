"""Mounted below /netwerk/ by `portal.urls`, next to the directory's own URLs."""

from django.urls import path

from trajectories import views

app_name = "trajectories"

urlpatterns = [
    path("cijfers/", views.FiguresView.as_view(), name="figures"),
    path("cijfers/<slug:figure>.csv", views.FigureCsvView.as_view(), name="figure-csv"),
    path("trajecten/<slug:slug>/", views.TrajectoryView.as_view(), name="trajectory"),
    path(
        "trajecten/<slug:slug>/stappen/<int:step_id>/",
        views.StepEditView.as_view(),
        name="step",
    ),
    path(
        "trajecten/<slug:slug>/gebaseerd-op/",
        views.BasedOnView.as_view(),
        name="based-on",
    ),
    path(
        "trajecten/<slug:slug>/geschiedenis/",
        views.HistoryView.as_view(),
        name="history",
    ),
    path(
        "trajecten/<slug:slug>/mentorlog/",
        views.MentorLogView.as_view(),
        name="mentor-log",
    ),
]
