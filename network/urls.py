from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("aansluiten/", views.JoinView.as_view(), name="join"),
    path("aansluiten/bedankt/", views.JoinThanksView.as_view(), name="join-thanks"),
]
