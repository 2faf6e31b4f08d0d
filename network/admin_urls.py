"""The Wagtail admin's login with the lock on failed attempts.

Mounted at `admin/` before Wagtail's own admin URLs, so this view answers
`admin/login/`.
"""

from django.urls import path

from network import views

urlpatterns = [
    path("login/", views.AdminLoginView.as_view(), name="admin-login"),
]
