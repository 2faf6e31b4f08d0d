"""manifest.json: what an archive holds, so a restore can check it first.

    {
      "format": "pleinmakers-backup", "format_version": 1,
      "created_at": "2026-03-01T02:00:00+00:00",
      "site": {"name": ..., "base_url": ...},
      "versions": {"code": "1.0.0 (a1b2c3d)", "django": ..., "wagtail": ...,
                   "python": ...},
      "database": {"vendor": "sqlite" | "postgresql", "file": "database/...",
                   "format": ..., "server_version": ..., "tool": ...},
      "migrations": {"<app label>": ["0001_initial", ...], ...},
      "tables": {"<table>": <row count>, ...},
      "files": {"<path in the archive>": {"sha256": ..., "size": ...}, ...},
      "media": {"files": <number>, "bytes": <number>},
      "tombstones": {"file": "tombstones.json", "count": <number>}
    }

Every file in the archive except the manifest itself is listed under "files".
"""

import json
import platform
import shutil
import subprocess
import tomllib

import django
import wagtail
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from portal.continuity import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    TOMBSTONES_NAME,
    ContinuityError,
)


def code_version():
    """The project's version, and the git commit when run from a checkout."""
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
            version = tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        version = "unknown"
    git = shutil.which("git")
    if git:
        # A fixed command on our own folder; no shell, no input from outside.
        result = subprocess.run(  # noqa: S603
            [git, "-C", str(settings.BASE_DIR), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0 and result.stdout.strip():
            version = f"{version} ({result.stdout.strip()})"
    return version


def build(*, created_at, database, snapshot, files, media, tombstones):
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(),
        "site": {
            "name": settings.WAGTAIL_SITE_NAME,
            "base_url": settings.PORTAL_BASE_URL,
        },
        "versions": {
            "code": code_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "python": platform.python_version(),
        },
        "database": {
            "vendor": database.vendor,
            "file": database.member_name,
            "format": database.format,
            **snapshot.details,
        },
        "migrations": snapshot.migrations,
        "tables": snapshot.tables,
        "files": files,
        "media": media,
        "tombstones": {"file": TOMBSTONES_NAME, "count": tombstones},
    }


def dumps(manifest):
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()


def loads(data):
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise ContinuityError(
            f"{MANIFEST_NAME} is damaged ({error}). Nothing was changed."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ContinuityError("This is not a backup archive of this portal.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ContinuityError(
            f"The archive has format version {manifest.get('format_version')}; this "
            f"portal reads version {FORMAT_VERSION}. Restore it with the portal "
            "version that made it."
        )
    required = ("created_at", "database", "migrations", "tables", "files")
    missing = [key for key in required if not manifest.get(key)]
    if missing:
        raise ContinuityError(
            f"{MANIFEST_NAME} lacks {', '.join(missing)}. Nothing was changed."
        )
    return manifest


def check_files(manifest, found):
    """`found` maps each file in the archive to (sha256, size)."""
    listed = manifest["files"]
    missing = sorted(set(listed) - set(found))
    extra = sorted(set(found) - set(listed))
    changed = sorted(
        name
        for name in set(listed) & set(found)
        if (listed[name].get("sha256"), listed[name].get("size")) != found[name]
    )
    for problem, names in (
        ("is missing from the archive", missing),
        ("is in the archive but not in the manifest", extra),
        ("does not match its SHA-256 hash in the manifest", changed),
    ):
        if names:
            more = f" (and {len(names) - 1} more)" if len(names) > 1 else ""
            raise ContinuityError(
                f"The archive is damaged: {names[0]} {problem}{more}. "
                "Nothing was changed."
            )


def check_migrations(manifest):
    """Refuse a backup from a newer code version; return the migrations the
    code has that the backup lacks (run `migrate` after the restore)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    recorded = {
        (app, name) for app, names in manifest["migrations"].items() for name in names
    }
    unknown = sorted(recorded - known)
    if unknown:
        app, name = unknown[0]
        raise ContinuityError(
            f"The backup comes from a newer version of the portal: this code does "
            f"not know the migration {app}.{name}"
            + (f" and {len(unknown) - 1} more" if len(unknown) > 1 else "")
            + ". Install the version that made the backup "
            f"({manifest.get('versions', {}).get('code', 'see manifest.json')}), "
            "then restore. Nothing was changed."
        )
    return sorted(known - recorded)
