"""Mounted at /volgen/ through the `register_site_urls` hook."""

from django.urls import path

from digests import views

app_name = "digests"

urlpatterns = [
    path("", views.FollowSettingsView.as_view(), name="settings"),
    path("volg/", views.FollowToggleView.as_view(), name="toggle"),
    path("<int:pk>/stoppen/", views.UnfollowView.as_view(), name="unfollow"),
    path("afmelden/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path(
        "instellingen/<str:token>/",
        views.TokenSettingsView.as_view(),
        name="token-settings",
    ),
]
