from django.urls import path

from network import views

app_name = "account"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("aanmelden/", views.MemberLoginView.as_view(), name="login"),
    path("afmelden/", views.MemberLogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        views.PasswordResetView.as_view(),
        name="password-reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "uitnodiging/<uidb64>/<token>/",
        views.InvitationConfirmView.as_view(),
        name="invitation",
    ),
    path(
        "wachtwoord-wijzigen/",
        views.PasswordChangeView.as_view(),
        name="password-change",
    ),
    path("gemeente/", views.MunicipalityEditView.as_view(), name="municipality"),
    path("profiel/", views.ProfileEditView.as_view(), name="profile"),
    path("collega-uitnodigen/", views.InviteColleagueView.as_view(), name="invite"),
    path("mijn-gegevens.json", views.DataExportView.as_view(), name="export"),
    path(
        "mijn-gegevens.zip",
        views.DataExportView.as_view(format="zip"),
        name="export-zip",
    ),
    path(
        "mijn-gegevens/",
        views.DataExportView.as_view(format="html"),
        name="export-html",
    ),
    path("verwijderen/", views.DeleteAccountView.as_view(), name="delete"),
    path("verwijderd/", views.AccountDeletedView.as_view(), name="deleted"),
]
