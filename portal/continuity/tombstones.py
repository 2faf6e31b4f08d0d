"""Tombstones: who was erased, kept as a hash so a restore cannot bring them back.

Every backup carries the full list in `tombstones.json`. When an older backup
is restored, the erasures recorded after its date (in a newer backup or in the
live site) must be made again; the part of the portal that erases people
provides both the list and the re-application through the hook below.

`tombstones.json`, version 1::

    {
      "format": "pleinmakers-tombstones",
      "version": 1,
      "identity": "sha256 of 'pleinmakers-erased:' + the e-mail address, trimmed
                   and lower-cased, as lower-case hex",
      "tombstones": [
        {"identity": "<64 hex digits>", "erased_at": "2026-03-01T09:30:00+00:00",
         "experiences": "anonymise"}
      ]
    }

`experiences` (optional: "anonymise" or "remove") is what the person chose for
their published experiences, so a re-applied erasure does the same.

The list holds no name, address or text: only what is needed to recognise the
same person in restored data.
"""

import json
import os
import re
from pathlib import Path

from django.utils.dateparse import parse_datetime
from wagtail import hooks

from portal.continuity import ContinuityError

FORMAT = "pleinmakers-tombstones"
VERSION = 1
IDENTITY_RULE = (
    "sha256 of 'pleinmakers-erased:' + the e-mail address, trimmed and "
    "lower-cased, as lower-case hex"
)
# Apps that erase people register a function returning their tombstones.
HOOK = "portal_erasure_tombstones"
EXPERIENCE_CHOICES = ("anonymise", "remove")
_IDENTITY = re.compile(r"^[0-9a-f]{64}$")


def collect():
    entries = [entry for hook in hooks.get_hooks(HOOK) for entry in hook()]
    return validate(entries)


def validate(entries):
    checked = []
    for entry in entries:
        identity = entry.get("identity") if isinstance(entry, dict) else None
        erased_at = entry.get("erased_at") if isinstance(entry, dict) else None
        moment = parse_datetime(erased_at) if isinstance(erased_at, str) else None
        if not (isinstance(identity, str) and _IDENTITY.match(identity) and moment):
            raise ContinuityError(f"Not a valid tombstone: {entry!r}.")
        checked_entry = {"identity": identity, "erased_at": moment.isoformat()}
        # Optional: what became of the person's experiences (kept on re-erasure).
        if entry.get("experiences") in EXPERIENCE_CHOICES:
            checked_entry["experiences"] = entry["experiences"]
        checked.append(checked_entry)
    return sorted(checked, key=lambda entry: (entry["erased_at"], entry["identity"]))


def dump(entries):
    document = {
        "format": FORMAT,
        "version": VERSION,
        "identity": IDENTITY_RULE,
        "tombstones": entries,
    }
    return (json.dumps(document, indent=2) + "\n").encode()


def load(data):
    try:
        document = json.loads(data)
    except ValueError as error:
        raise ContinuityError(f"tombstones.json is not JSON ({error}).") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ContinuityError("tombstones.json is not a tombstone list.")
    if document.get("version") != VERSION:
        raise ContinuityError(
            f"tombstones.json has version {document.get('version')}; this portal "
            f"reads version {VERSION}. Restore with the portal version that made it."
        )
    if not isinstance(document.get("tombstones"), list):
        raise ContinuityError("tombstones.json has no list of tombstones.")
    return validate(document["tombstones"])


def write_file(path, entries):
    """Write the list to `path` (readable by its owner only), replacing it whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(dump(entries))
    partial.chmod(0o600)
    os.replace(partial, path)


def read_file(path):
    try:
        return load(Path(path).read_bytes())
    except OSError as error:
        message = f"Cannot read the tombstone file {path}: {error}"
        raise ContinuityError(message) from error


def beside(archive_path):
    """The tombstone file kept next to the backups."""
    return Path(archive_path).parent / "tombstones.json"
