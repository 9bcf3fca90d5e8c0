"""Django's SQLite and PostgreSQL backends, except that a connection which raised an error is
not kept for the next request.

A worker keeps its connection from one request to the next (CONN_MAX_AGE in campaign.settings).
Django drops a kept connection after an error only if `is_usable()` says it no longer works:
SQLite's always says it does, PostgreSQL's runs SELECT 1. Neither notices a connection that
reads but may not write. SQLite opens a file it may not write read-only without a word, and
a PostgreSQL session opened while the database was read-only stays so: a worker started during
such a fault failed every write ("attempt to write a readonly database") until the server
restarted. Here, after any error but an integrity or data error, Django closes the connection
when the request ends, and the next request opens a fresh one.
"""


class DropAfterError:
    def is_usable(self):
        return not self.errors_occurred and super().is_usable()
