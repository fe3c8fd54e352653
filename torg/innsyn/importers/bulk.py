"""Bulk writes and look-ups for the importer, the fastest way each database offers.

- PostgreSQL: new rows go in with ``COPY … FROM STDIN`` (psycopg 3's ``cursor.copy``),
  their ids taken beforehand from the table's sequence in one query; look-ups pass
  the keys as one array (``= ANY(%s)``). A query with thousands of ``%s`` costs psycopg
  more Python time to convert than the database spends on it.
- SQLite: multi-row ``INSERT … VALUES (…), (…)``, 500 rows a statement, ids given
  (after the highest the table has had: the import's transaction holds the only write lock).

COPY and INSERT both fire the table's triggers and check its constraints, so search
index triggers and the like see every imported row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

ROWS_PER_STATEMENT = 500
KEYS_PER_LOOKUP = 5000


def column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.column)


class Table:
    """One model's table: quoted names, and the statements the importer runs on it."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]):
        quote = connection.ops.quote_name
        self.model = model
        self.name = quote(model._meta.db_table)
        self.fields = tuple(fields)
        self.columns = {name: quote(column(model, name)) for name in fields}
        assert model._meta.pk is not None
        self.pk_column = str(model._meta.pk.column)
        self.pk = quote(self.pk_column)
        self.postgres = connection.vendor == "postgresql"
        self._sequence: str | None = None

    def _column_list(self, fields: Sequence[str]) -> str:
        return ", ".join(self.pk if name == "pk" else self.columns[name] for name in fields)

    # --- inserts ---------------------------------------------------------------
    def insert(self, cursor: Any, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows (values in ``fields`` order); their ids come from the database."""
        if not rows:
            return
        if self.postgres:
            self._copy(cursor, self.fields, rows)
        else:
            self._insert_values(cursor, self.fields, rows)

    def _insert_values(self, cursor: Any, fields: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """SQLite: 500 rows a statement, one step each (a step lets go of Python's lock, see
        :mod:`.pipeline`), written with SQLite's own ``?`` so Django need not rewrite a
        statement of 12,000 placeholders."""
        one = f"({', '.join(['?'] * len(fields))})"
        head = f"INSERT INTO {self.name} ({self._column_list(fields)}) VALUES "  # noqa: S608  (names from the models' _meta)
        raw = cursor.cursor  # the sqlite3 cursor under Django's wrapper
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            sqlite3.Cursor.execute(raw, head + ", ".join([one] * len(chunk)), [v for row in chunk for v in row])

    def insert_returning(self, cursor: Any, rows: list[tuple[Any, ...]], keys: Sequence[str]) -> list[tuple[Any, ...]]:
        """Insert rows (values in ``fields`` order); return (id, values of ``keys``…) of each.

        The ids are taken before the insert (no RETURNING: SQLite hands back a returned row
        at a time, each a round through Python's lock while the reader thread holds it).
        """
        if not rows:
            return []
        ids = self.allocate_ids(cursor, len(rows))
        with_ids = [(pk, *row) for pk, row in zip(ids, rows, strict=True)]
        if self.postgres:
            self._copy(cursor, ("pk", *self.fields), with_ids)
        else:
            self._insert_values(cursor, ("pk", *self.fields), with_ids)
        positions = [self.fields.index(name) for name in keys]
        return [(pk, *(row[p] for p in positions)) for pk, row in zip(ids, rows, strict=True)]

    def allocate_ids(self, cursor: Any, count: int) -> list[int]:
        """``count`` new ids.

        PostgreSQL: from the table's sequence, as any other session takes them. SQLite: after
        the highest id the table has, or ever had (AUTOINCREMENT's sqlite_sequence), which is
        safe because the import's transaction holds SQLite's only write lock.
        """
        if self.postgres:
            if self._sequence is None:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [self.name, self.pk_column])
                self._sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [self._sequence, count])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT coalesce(max({self.pk}), 0), (SELECT seq FROM sqlite_sequence WHERE name = %s) FROM {self.name}",  # noqa: S608
            [self.model._meta.db_table],
        )
        highest, sequence = cursor.fetchone()
        first = max(int(highest), int(sequence or 0)) + 1
        return list(range(first, first + count))

    def _copy(self, cursor: Any, fields: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        with cursor.cursor.copy(f"COPY {self.name} ({self._column_list(fields)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    # --- updates, deletes and look-ups -----------------------------------------
    def update(self, cursor: Any, fields: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Rows of (values of ``fields``…, id)."""
        if rows:
            sets = ", ".join(f"{self.columns[name]} = %s" for name in fields)
            cursor.executemany(f"UPDATE {self.name} SET {sets} WHERE {self.pk} = %s", rows)  # noqa: S608  (names from the models' _meta)

    def delete_where_in(self, cursor: Any, field: str, values: list[Any]) -> None:
        for chunk, placeholder in self._chunks(values):
            cursor.execute(f"DELETE FROM {self.name} WHERE {self.columns[field]} {placeholder}", chunk)  # noqa: S608

    def lookup(self, cursor: Any, field: str, values: list[Any], *, also: Sequence[str] = ()) -> list[tuple[Any, ...]]:
        """(id, value of ``field``, values of ``also``…) of the rows whose ``field`` is in ``values``."""
        selected = ", ".join([self.pk, self.columns[field], *(self.columns[name] for name in also)])
        found: list[tuple[Any, ...]] = []
        for chunk, placeholder in self._chunks(values):
            cursor.execute(f"SELECT {selected} FROM {self.name} WHERE {self.columns[field]} {placeholder}", chunk)  # noqa: S608
            found.extend(cursor.fetchall())
        return found

    def _chunks(self, values: list[Any]) -> Iterable[tuple[list[Any], str]]:
        for start in range(0, len(values), KEYS_PER_LOOKUP):
            chunk = values[start : start + KEYS_PER_LOOKUP]
            if self.postgres:
                yield [chunk], "= ANY(%s)"
            else:
                yield chunk, f"IN ({', '.join(['%s'] * len(chunk))})"
