"""backup_site and restore_site: what is in the archive, and what is refused."""

import hashlib
import io
import json

import django
import pytest
import wagtail
from django.core.management import CommandError, call_command

from network.models import Municipality
from portal.continuity import archive

from .conftest import (
    fresh_site,
    read_archive,
    stored_files,
    table_names,
    write_archive,
)


def backup(dest):
    out = io.StringIO()
    call_command("backup_site", str(dest), stdout=out)
    return out.getvalue()


def restore(path):
    out = io.StringIO()
    call_command("restore_site", str(path), stdout=out)
    return out.getvalue()


def test_the_manifest_lists_versions_migrations_row_counts_and_hashes(db, site_archive):
    files = read_archive(site_archive)
    manifest = json.loads(files.pop("manifest.json"))

    assert manifest["versions"]["django"] == django.get_version()
    assert manifest["versions"]["wagtail"] == wagtail.__version__
    assert manifest["versions"]["code"].startswith("1.0.0")
    assert "0001_initial" in manifest["migrations"]["portal"]
    assert manifest["tables"]["network_municipality"] == 285
    assert manifest["media"] == {"files": 2, "bytes": 22}
    assert set(manifest["files"]) == set(files)
    for name, data in files.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
    assert files["media/documents/draaiboek.pdf"] == b"%PDF-1.4 demo"
    tombstones = json.loads(files["tombstones.json"])
    assert tombstones["format"] == "pleinmakers-tombstones"
    assert tombstones["tombstones"] == []


def test_a_backup_never_overwrites_an_existing_archive(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    existing = tmp_path / "site.tar.zst"
    existing.write_bytes(b"yesterday")

    with pytest.raises(CommandError, match="already exists"):
        backup(existing)

    assert existing.read_bytes() == b"yesterday"


def test_a_backup_is_named_as_an_archive_it_can_read(db, tmp_path):
    with pytest.raises(CommandError, match=r"\.tar\.zst or …\.tar\.gz"):
        backup(tmp_path / "site.zip")

    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_tar_gz_backup_restores_onto_an_empty_site(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "verslag.pdf").write_bytes(b"%PDF verslag")
    Municipality.objects.filter(nis_code="12025").update(description="Mentorstad")
    output = backup(tmp_path)
    (path,) = tmp_path.glob("pleinmakers-*.tar.*")
    assert str(path) in output

    with fresh_site(tmp_path / "restored"):
        output = restore(path)
        assert "Restored the backup" in output
        assert Municipality.objects.count() == 285
        assert Municipality.objects.get(nis_code="12025").description == "Mentorstad"
        assert stored_files() == ["verslag.pdf"]
        assert (tmp_path / "restored" / "media" / "verslag.pdf").read_bytes() == (
            b"%PDF verslag"
        )

    gz = tmp_path / "site.tar.gz"
    backup(gz)
    assert gz.read_bytes()[:2] == b"\x1f\x8b"
    with fresh_site(tmp_path / "restored-gz"):
        restore(gz)
        assert Municipality.objects.get(nis_code="12025").description == "Mentorstad"


def test_restore_refuses_a_database_that_is_not_empty(
    db, site_archive, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    Municipality.objects.filter(nis_code="12025").update(description="Vandaag")

    with pytest.raises(CommandError, match="is not empty"):
        restore(site_archive)

    assert Municipality.objects.get(nis_code="12025").description == "Vandaag"
    assert stored_files() == []


def test_restore_refuses_a_media_folder_that_is_not_empty(db, site_archive, tmp_path):
    with fresh_site(tmp_path / "target"):
        (tmp_path / "target" / "media").mkdir()
        (tmp_path / "target" / "media" / "nieuw.pdf").write_bytes(b"today")

        with pytest.raises(CommandError, match="media storage already holds files"):
            restore(site_archive)

        assert table_names() == []
        assert stored_files() == ["nieuw.pdf"]


def _damage_a_file(files):
    files["media/documents/draaiboek.pdf"] = b"%PDF-1.4 gewijzigd"


def _drop_a_file(files):
    del files["media/original_images/plein.png"]


def _add_a_file(files):
    files["media/documents/extra.pdf"] = b"%PDF extra"


def _drop_the_manifest(files):
    del files["manifest.json"]


def _change_a_row_count(files):
    manifest = json.loads(files["manifest.json"])
    manifest["tables"]["network_municipality"] = 284
    files["manifest.json"] = json.dumps(manifest).encode()


def _add_a_future_migration(files):
    manifest = json.loads(files["manifest.json"])
    manifest["migrations"]["portal"].append("0999_from_the_future")
    files["manifest.json"] = json.dumps(manifest).encode()


def _add_a_path_outside_the_archive(files):
    files["media/../../etc/cron.d/portal"] = b"* * * * * root true"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_damage_a_file, "draaiboek.pdf does not match its SHA-256 hash"),
        (_drop_a_file, "plein.png is missing from the archive"),
        (_add_a_file, "extra.pdf is in the archive but not in the manifest"),
        (_drop_the_manifest, "has no manifest.json"),
        (_change_a_row_count, "network_municipality has 285 rows, the manifest says"),
        (_add_a_future_migration, "does not know the migration portal.0999"),
        (_add_a_path_outside_the_archive, "unexpected entry"),
    ],
)
def test_restore_refuses_a_damaged_archive_and_changes_nothing(
    db, site_archive, tmp_path, damage, message
):
    files = read_archive(site_archive)
    damage(files)
    damaged = write_archive(tmp_path / "damaged.tar.zst", files)

    with fresh_site(tmp_path / "target"):
        with pytest.raises(CommandError, match=message):
            restore(damaged)

        assert table_names() == []
        assert stored_files() == []


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "damaged or incomplete"),
        (
            lambda data: data[:200] + bytes([data[200] ^ 0xFF]) + data[201:],
            "damaged or incomplete",
        ),
        (lambda data: b"PK\x03\x04 a zip file", "not a backup archive"),
    ],
    ids=["truncated", "flipped-byte", "not-an-archive"],
)
def test_restore_refuses_a_corrupt_file_and_changes_nothing(
    db, site_archive, tmp_path, damage, message
):
    damaged = tmp_path / "damaged.tar.zst"
    damaged.write_bytes(damage(site_archive.read_bytes()))

    with fresh_site(tmp_path / "target"):
        with pytest.raises(CommandError, match=message):
            restore(damaged)

        assert table_names() == []
        assert stored_files() == []


def test_the_archive_is_readable_by_its_owner_only(db, site_archive):
    assert site_archive.stat().st_mode & 0o777 == 0o600
    assert archive.suffix_of(site_archive) == ".tar.zst"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_file_deleted_during_the_backup_is_left_out(tmp_path, settings, monkeypatch):
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "blijft.pdf").write_bytes(b"%PDF blijft")
    (tmp_path / "media" / "weg.pdf").write_bytes(b"%PDF weg")
    real_open = default_storage.open

    def open_after_delete(name, mode="rb"):
        if name == "weg.pdf":
            raise FileNotFoundError(name)
        return real_open(name, mode)

    monkeypatch.setattr(default_storage, "open", open_after_delete)

    output = backup(tmp_path / "site.tar.zst")

    assert "weg.pdf was deleted while the backup ran" in output
    files = read_archive(tmp_path / "site.tar.zst")
    assert "media/blijft.pdf" in files
    assert "media/weg.pdf" not in json.loads(files["manifest.json"])["files"]
