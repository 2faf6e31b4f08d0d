"""Database sessions whose lookup is compiled once per process.

Every member's request reads its session first; Django builds and compiles
the same `Session.objects.get(...)` each time, some 900 function calls for a
query by primary key.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.precompiled import PrecompiledQuery

# The session key goes in as a parameter; whether it has expired is told from
# the row (Django asks the database with `expire_date__gt=now`).
_session_rows = PrecompiledQuery(
    lambda session_keys: Session.objects.filter(session_key__in=session_keys).order_by()
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        rows = _session_rows(values=[self.session_key])
        if rows and rows[0].expire_date > timezone.now():
            return rows[0]
        self._session_key = None
        return None
