"""The portal's example content: the demo's administrator and editor accounts.

Every app may have a `demo` package with `load(loader)` and `remove(stdout)`;
`manage.py load_demo` loads the true content (`<app>.content`) and then calls
each `load` in INSTALLED_APPS order, `manage.py remove_demo` each `remove` in
reverse order. Everything a demo makes is flagged `is_example`. A `bench`
module beside it adds data and pages for `make bench`.
"""

from portal.factories import EditorFactory, UserFactory
from portal.models import User


def load(loader):
    loader.login(
        UserFactory,
        "beheerder",
        "DEMO_ADMIN_EMAIL",
        "DEMO_ADMIN_PASSWORD",
        "beheerder@pleinmakers.example",
        first_name="Demo",
        last_name="Beheerder",
        is_staff=True,
        is_superuser=True,
    )
    loader.login(
        EditorFactory,
        "redacteur",
        "DEMO_EDITOR_EMAIL",
        "DEMO_EDITOR_PASSWORD",
        "redacteur@pleinmakers.example",
        first_name="Demo",
        last_name="Redacteur",
    )


def remove(stdout):
    """The demo's accounts, members' and editors' alike (their passwords are known)."""
    count, _by_model = User.objects.filter(is_example=True).delete()
    stdout.write(f"  - {count} accounts and what hung on them")
