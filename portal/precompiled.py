"""A query whose SQL never changes, compiled to SQL once per process.

Django builds and compiles a queryset again on every evaluation. For the query
every page runs first (`request_memo.load_sites`: the sites, each root page in
its specific form, the site settings and their two pages, 100+ columns in seven
joins) that Python work cost more than the database's. Its SQL depends only on
the models and the database backend, so it is compiled the first time and
reused: each evaluation still reads fresh rows, only the SQL text is kept.
"""

import threading

from django.db import connections
from django.db.models.query import QuerySet

# What a compiler keeps of its compilation, besides the query and connection
# it is made for: the selected columns and how rows become model instances.
_COMPILED_STATE = (
    "select",
    "klass_info",
    "annotation_col_map",
    "col_count",
    "has_extra_select",
)


class PrecompiledQuery:
    """`build()`, a queryset without values that change (no request, user or
    time in it), compiled once per database connection alias.

    Only for plain model querysets (no `prefetch_related` or `values()`):
    calling returns the rows as a list, never a queryset to chain on (its
    SQL would be the kept one).
    """

    def __init__(self, build):
        self._build = build
        self._query = None
        self._model = None
        self._compiled = {}
        self._lock = threading.Lock()

    def __call__(self):
        if self._query is None:
            with self._lock:
                if self._query is None:
                    queryset = self._build()
                    self._model = queryset.model
                    query = queryset.query.chain()
                    # ModelIterable asks the query for its compiler: hand it
                    # the compiled one.
                    query.get_compiler = self._compiler
                    self._query = query
        return list(QuerySet(self._model, query=self._query))

    def _compiler(self, using=None, connection=None, elide_empty=True):
        connection = connection or connections[using]
        key = (connection.alias, connection.vendor)
        compiled = self._compiled.get(key)
        compiler = connection.ops.compiler(self._query.compiler)(
            self._query, connection, connection.alias, elide_empty
        )
        if compiled is None:
            with self._lock:
                # A copy: compiling sets aliases up on the query it reads.
                fresh = type(compiler)(
                    self._build().query, connection, connection.alias, elide_empty
                )
                sql_params = fresh.as_sql()
                state = {name: getattr(fresh, name) for name in _COMPILED_STATE}
                compiled = self._compiled[key] = (sql_params, state)
        sql_params, state = compiled
        compiler.__dict__.update(state)
        compiler.as_sql = lambda *args, **kwargs: sql_params
        return compiler
