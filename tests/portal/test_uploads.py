"""A full disk during an upload (issue #10): a Dutch answer, no file, no row."""

import errno

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.factories import MINIMAL_PDF
from portal.models import ToolkitDocument
from portal.storage import CleanFileSystemStorage, StorageFull

pytestmark = pytest.mark.django_db


class FillsTheDisk(ContentFile):
    """Content whose second chunk no longer fits on the disk."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4 het begin"
        raise OSError(errno.ENOSPC, "No space left on device")


def files_in(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_a_full_disk_leaves_no_partial_file(tmp_path):
    storage = CleanFileSystemStorage(location=tmp_path)
    with pytest.raises(StorageFull):
        storage.save("documents/verslag.pdf", FillsTheDisk(b"", name="verslag.pdf"))
    assert files_in(tmp_path) == []


def test_an_admin_upload_on_a_full_disk_is_refused_in_dutch(
    admin_client, settings, monkeypatch, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # a disk of its own: other tests write too
    assert isinstance(storages["default"], CleanFileSystemStorage)
    original_save = CleanFileSystemStorage._save

    def full_disk_save(self, name, content):
        return original_save(self, name, FillsTheDisk(b"", name=name))

    monkeypatch.setattr(CleanFileSystemStorage, "_save", full_disk_save)
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Jaarverslag",
            "file": SimpleUploadedFile("jaarverslag.pdf", MINIMAL_PDF),
            "collection": "1",
            "document_type": "rapport",
        },
    )
    assert response.status_code == 507
    assert "de opslag van de website is vol" in response.content.decode()
    assert not ToolkitDocument.objects.filter(title="Jaarverslag").exists()
    assert files_in(tmp_path) == []
