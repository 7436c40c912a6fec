"""`among`: a column is one of many values, asked with a single parameter on PostgreSQL.

The nightly recompute reads each batch's records by the ids of a thousand children. Django's
`__in` makes a placeholder and a prepared value of every id, which costs more than the query
itself; on PostgreSQL `column = ANY(%s)` sends the ids as one array (decision 0199).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, Lookup, Q


class AnyOf(Lookup):  # type: ignore[type-arg]
    """`<column>__any_of=[…]`: `= ANY(array)` on PostgreSQL, `IN (…)` elsewhere."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[Any]:
        return list(self.rhs)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if not values:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]


# Fields in general, and the foreign keys, which look only at their own class's lookups.
Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)


def among(field: str, values: Iterable[Any]) -> Q:
    """`field` holds one of `values` (plain values, such as ids, not model instances)."""
    return Q(**{f"{field}__any_of": list(values)})
