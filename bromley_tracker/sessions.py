"""The session engine: Django's database sessions, also keeping the expiry read with the session."""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    """A session that knows when its row, as read, expires (`expire_date`, None until read or if there was
    none), so that SessionRefreshMiddleware can tell how long ago it was saved without another query."""

    expire_date = None

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self.expire_date = row.expire_date if row is not None else None
        return row
