"""Mounted at /volgen/ through the `register_site_urls` hook."""

from django.urls import path

from digests import feeds, newsletter, views, webhooks

app_name = "digests"

urlpatterns = [
    path("", views.FollowSettingsView.as_view(), name="settings"),
    path("volg/", views.FollowToggleView.as_view(), name="toggle"),
    path("<int:pk>/stoppen/", views.UnfollowView.as_view(), name="unfollow"),
    path("bounce/", webhooks.record_bounce, name="bounce-webhook"),
    path("afmelden/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("feed/thema/<slug:slug>/", feeds.ThemeFeed(), name="theme-feed"),
    path(
        "feed/gemeente/<slug:slug>/", feeds.MunicipalityFeed(), name="municipality-feed"
    ),
    path("nieuwsbrief/", newsletter.SignUpView.as_view(), name="newsletter"),
    path(
        "nieuwsbrief/verstuurd/",
        newsletter.SentView.as_view(),
        name="newsletter-sent",
    ),
    path(
        "nieuwsbrief/bevestig/<str:token>/",
        newsletter.ConfirmView.as_view(),
        name="newsletter-confirm",
    ),
    path(
        "nieuwsbrief/afmelden/<str:token>/",
        newsletter.NewsletterUnsubscribeView.as_view(),
        name="newsletter-unsubscribe",
    ),
    path(
        "instellingen/<str:token>/",
        views.TokenSettingsView.as_view(),
        name="token-settings",
    ),
]
