"""Uploaded files, through the storage API: a local folder or S3 alike."""

import contextlib

from django.core.files import File

from portal.continuity import ContinuityError


def walk(storage, path=""):
    """Every file name in `storage`, sorted; nothing when its folder is missing."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for folder in sorted(folders):
        yield from walk(storage, f"{path}/{folder}" if path else folder)


def has_files(storage):
    return next(walk(storage), None) is not None


def modified_time(storage, name):
    try:
        return storage.get_modified_time(name).timestamp()
    except (NotImplementedError, OSError):
        return None


def put(storage, name, path):
    """Store the file at `path` under exactly `name`."""
    with open(path, "rb") as file:
        saved = storage.save(name, File(file, name=name))
    if saved != name:
        storage.delete(saved)
        raise ContinuityError(
            f"The storage saved {name} as {saved}; restore needs an empty storage."
        )


def remove(storage, names):
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)
