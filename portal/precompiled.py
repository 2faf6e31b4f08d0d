"""Queries whose SQL is the same on every request, compiled to SQL once per
process.

Django builds and compiles a queryset again on every evaluation. For the
queries every page runs before its own work, that Python work cost more than
the database's: the sites (`request_memo.load_sites`: each root page in its
specific form, the site settings and their two pages, 100+ columns in seven
joins), the pages a request is routed through with the menu
(`portal.models.pages.routed_pages`), the page it was routed to and, for a
member, their user row (`portal.lockout.LockedModelBackend.get_user`). Their
SQL depends only on the models, the database backend and a few values that
rarely change (the site's root page), so it is compiled the first time and
reused: each evaluation still reads fresh rows, only the SQL text is kept.
What does change from request to request (the URL paths, the page's or the
user's id, the time) goes in as parameters.

On PostgreSQL that SQL is also prepared, once per connection, where the
connection's OPTIONS allow it (DATABASE_PREPARED_STATEMENTS): planning it cost
the database more than running it. Only this SQL: the generic plan PostgreSQL
keeps for a prepared statement made other queries (text search, the practice
lists) several times slower.
"""

import functools
import threading
import weakref
from datetime import UTC, datetime, timedelta

from django.db import connections, router
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
# Stands for the i-th value in the compiled parameters; never a real value
# (a NUL byte in text, or a negative number no key reaches).
_PLACEHOLDER = "\x00portal-precompiled-{}\x00"
_NUMBER_PLACEHOLDER = -(10**15)
# A moment no query compares with (the year 2, so no time zone takes it below
# the year 1), plus the index in microseconds.
_MOMENT_PLACEHOLDER = datetime(2, 1, 1, tzinfo=UTC)


def _placeholder(index, value):
    if isinstance(value, datetime):
        return _MOMENT_PLACEHOLDER + timedelta(microseconds=index)
    if isinstance(value, int):
        return _NUMBER_PLACEHOLDER - index
    return _PLACEHOLDER.format(index)


def _prepares(connection):
    """Whether the kept SQL is prepared on this connection: on PostgreSQL,
    where its OPTIONS bind parameters on the server (the client-side binding of
    Django's default cursor cannot prepare) and let psycopg prepare (its
    default threshold, None, never does)."""
    if connection.vendor != "postgresql":
        return False
    options = connection.settings_dict["OPTIONS"]
    return (
        options.get("server_side_binding") is True
        and options.get("prepare_threshold") is not None
    )


def _execute_prepared(kept_sql, execute, sql, params, many, context):
    """An execute wrapper that runs `kept_sql` as a prepared statement (its
    first execution on the connection prepares it); any other SQL as Django
    runs it."""
    if sql is not kept_sql or many:
        return execute(sql, params, many, context)
    with context["connection"].wrap_database_errors:
        return context["cursor"].cursor.execute(sql, params, prepare=True)


def _as_param(connection, value):
    """`value` as the backend passes it among a query's parameters: a moment
    as the backend adapts it (SQLite: text), anything else as it is."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class _Compiled:
    def __init__(self, query, compiler, placeholders, prefetch=()):
        self.query = query
        self.prefetch = prefetch
        # The alias, not the connection: another thread has its own.
        self.alias = compiler.connection.alias
        sql, params = compiler.as_sql()
        indexes = {
            _as_param(compiler.connection, placeholder): i
            for i, placeholder in enumerate(placeholders)
        }
        self.sql, self.params = sql, tuple(params)
        # Where each value goes among the parameters, and as which type (the
        # backend may wrap a number, as psycopg's Int4).
        self.positions = [
            (position, indexes[param], type(param))
            for position, param in enumerate(params)
            if isinstance(param, str | int | datetime) and param in indexes
        ]
        if sorted(index for _position, index, _type in self.positions) != list(
            range(len(placeholders))
        ):
            raise ValueError("Each value must be one parameter of the query.")
        self.prepare = _prepares(compiler.connection)
        self.state = {name: getattr(compiler, name) for name in _COMPILED_STATE}
        self._fields = [column[0] for column in compiler.select[: compiler.col_count]]
        self.has_composite_fields = compiler.has_composite_fields(self._fields)
        # Per connection: a backend's converters may be its own bound methods.
        self._converters = weakref.WeakKeyDictionary()

    def converters(self, compiler):
        """What `compiler.get_converters` returns for the selected columns: a
        hundred fields asked for their converters on every evaluation."""
        converters = self._converters.get(compiler.connection)
        if converters is None:
            converters = self._converters[compiler.connection] = (
                compiler.get_converters(self._fields)
            )
        return converters

    def sql_params(self, values):
        params = list(self.params)
        connection = connections[self.alias]
        for position, index, kind in self.positions:
            value = _as_param(connection, values[index])
            params[position] = value if kind is datetime else kind(value)
        return self.sql, params


class PrecompiledQuery:
    """The rows of `build(*args, values)`, a plain model queryset (no
    `values()`), compiled once per database and `key`. Its `prefetch_related`
    lookups, which must not depend on `values`, run after the rows as Django's
    would.

    `key` must say all that the SQL depends on besides the number of `values`
    (nothing, when `build` takes no arguments): no request, user or time in
    it. `values` are strings, whole numbers or aware datetimes the query
    compares with (`url_path__in=values`, `pk__in=values`, `end__gte=now`),
    passed as parameters. Returns a list, never a queryset to chain on (its
    SQL would be the kept one).
    """

    def __init__(self, build, max_keys=64):
        self._build = build
        self._max_keys = max_keys
        self._compiled = {}
        self._models = {}
        self._lock = threading.Lock()

    def __call__(self, *args, key=(), values=None):
        model, compiled = self._compile(args, key, values)
        if compiled is None:
            # More shapes than a site has (a request for a very deep path,
            # say): built and compiled as Django would.
            return list(self._queryset(args, values))
        params_values = list(values or ())
        queryset = QuerySet(model, query=compiled.query.chain())
        if compiled.prefetch:
            queryset = queryset.prefetch_related(*compiled.prefetch)
        sql_params = compiled.sql_params(params_values)
        state = compiled.state

        def get_compiler(using=None, connection=None, elide_empty=True):
            connection = connection or connections[using]
            compiler = connection.ops.compiler(compiled.query.compiler)(
                compiled.query, connection, connection.alias, elide_empty
            )
            compiler.__dict__.update(state)
            compiler.as_sql = lambda *args, **kwargs: sql_params
            # Asked by `results_iter` only, about the selected columns.
            converters = compiled.converters(compiler)
            compiler.get_converters = lambda expressions: converters
            compiler.has_composite_fields = lambda expressions: (
                compiled.has_composite_fields
            )
            return compiler

        # ModelIterable asks the query for its compiler: hand it the compiled one.
        queryset.query.get_compiler = get_compiler
        if not compiled.prepare:
            return list(queryset)
        prepared = functools.partial(_execute_prepared, compiled.sql)
        with connections[compiled.alias].execute_wrapper(prepared):
            return list(queryset)

    def _queryset(self, args, values):
        return self._build(*args) if values is None else self._build(*args, values)

    def _compile(self, args, key, values):
        placeholders = (
            None
            if values is None
            else [_placeholder(i, value) for i, value in enumerate(values)]
        )
        # The model (which says the database) is known only from a queryset:
        # built once per key.
        model = self._models.get(key)
        if model is None:
            model = self._queryset(args, placeholders).model
            if len(self._models) < self._max_keys:
                self._models[key] = model
        alias = router.db_for_read(model)
        connection = connections[alias]
        cache_key = (
            alias,
            connection.vendor,
            key,
            tuple(type(placeholder) for placeholder in placeholders or ()),
        )
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(cache_key)
                if compiled is None and len(self._compiled) < self._max_keys:
                    queryset = self._queryset(args, placeholders)
                    compiler = queryset.query.get_compiler(connection=connection)
                    compiled = self._compiled[cache_key] = _Compiled(
                        queryset.query,
                        compiler,
                        placeholders or (),
                        queryset._prefetch_related_lookups,
                    )
        return model, compiled
