"""Building blocks for `manage.py load_content`, `load_demo`, `remove_demo`,
`generate_bench_data` and `bench`.

Every app may have a `content` package (true content) and a `demo` package
(example content, flagged `is_example`) with `load(loader)`, and a `demo.bench`
module; the commands find them in INSTALLED_APPS order, so the portal never
imports the apps above it. Helpers here only ever create what is missing, so
running the loader twice creates and changes nothing.
"""

import json
import os
import secrets
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_save
from django.utils.module_loading import module_has_submodule
from wagtail.models import Site


def demo_modules(name="demo"):
    """(app label, module) for each of the project's apps with `<app>.<name>`,
    e.g. `demo` or `demo.bench`, in INSTALLED_APPS order."""
    found = []
    for app_config in apps.get_app_configs():
        if Path(app_config.path).parent != Path(settings.BASE_DIR):
            continue
        package = app_config.module
        parts = name.split(".")
        for depth, part in enumerate(parts):
            if not module_has_submodule(package, part):
                break
            package = import_module(f"{app_config.name}.{'.'.join(parts[: depth + 1])}")
        else:
            found.append((app_config.label, package))
    return found


@contextmanager
def search_index_deferred():
    """Save without indexing each object for search; the caller runs
    `update_index` afterwards, which indexes every object once.

    The loaders save a page several times (created, revision, publish) and each
    save indexed it again: a fifth of `load_demo`'s time, in the tests too. A
    deletion still leaves the index at once.
    """
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [
        model
        for model in index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class DemoLoader:
    def __init__(self, stdout, seed=1):
        self.stdout = stdout
        self.seed = seed
        self.logins = []

    @property
    def home(self):
        return Site.objects.get(is_default_site=True).root_page.specific

    def page(self, factory, parent, slug, **fields):
        """The child of `parent` with `slug`, created (and published) if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = factory.build(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.stdout.write(f"  + {page.url_path}")
        return page

    def login(self, factory, role, email_env, password_env, default_email, **fields):
        """A demo account (flagged `is_example`); its password comes from the
        environment or is generated once.

        A generated password is kept in var/demo-logins.json so later runs can show
        it again without changing the account.
        """
        email = os.environ.get(email_env, default_email).lower()
        store = _CredentialStore()
        password = os.environ.get(password_env) or store.get(email)
        model = factory._meta.model
        user = model.objects.filter(email__iexact=email).first()
        if user is None:
            password = password or secrets.token_urlsafe(12)
            user = factory(email=email, password=password, is_example=True, **fields)
            store.set(email, password)
            self.stdout.write(f"  + account {email}")
        self.logins.append((role, email, password))
        return user

    def print_logins(self, url):
        self.stdout.write("")
        self.stdout.write(f"The portal: {url}/   Admin: {url}/admin/")
        for role, email, password in self.logins:
            shown = password or "(set through the environment or changed since)"
            self.stdout.write(f"  {role:<12} {email:<40} {shown}")


class _CredentialStore:
    def __init__(self):
        self.path = Path(settings.PORTAL_DEMO_LOGINS_FILE)

    def _read(self):
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}

    def get(self, email):
        return self._read().get(email)

    def set(self, email, password):
        data = self._read()
        data[email] = password
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=2))
        self.path.chmod(0o600)


def refresh_derived_data():
    """Let each app rebuild what it derives from the others' rows (a module's
    `refresh()`), after a command wrote rows in bulk, without signals."""
    for _label, demo in demo_modules():
        if hasattr(demo, "refresh"):
            demo.refresh()
