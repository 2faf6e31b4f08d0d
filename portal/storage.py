"""Uploads on a local disk that fail cleanly when the disk is full.

Django's FileSystemStorage leaves what it managed to write (a partial or empty
file) when a write fails. This storage removes it and raises `StorageFull`;
`portal.middleware.StorageFullMiddleware` answers with a Dutch page. The file
is written before its row (Wagtail saves the file in the model's pre_save), so
no row points at a missing file.
"""

import errno
import logging
import os

from django.core.files.storage import FileSystemStorage

logger = logging.getLogger("portal.storage")

FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFull(OSError):
    """The upload could not be stored: no space left. Nothing was kept."""


class CleanFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in FULL:
                raise
            self._remove_partial(name)
            logger.error("Upload %s not stored: %s", name, error)
            raise StorageFull(error.errno, error.strerror, name) from error

    def _remove_partial(self, name):
        # _save opens with O_EXCL, so a file at this name is the one it began.
        try:
            os.remove(self.path(name))
        except FileNotFoundError:
            pass
