"""Full-text search over any queryset.

On PostgreSQL: a search vector in the text-search configuration of the active
language (`arabic`, `french`, `english`; PostgreSQL 15 ships all three), ranked,
with websearch syntax ("quoted phrases", -exclusions). Elsewhere (SQLite in
`make run`): every word must appear in one of the fields, case-insensitively.
"""

from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import get_language

_CONFIGS = {"ar": "arabic", "fr": "french", "en": "english"}
MAX_QUERY_LENGTH = 200


def search_config(language: str | None = None) -> str:
    return _CONFIGS.get((language or get_language() or settings.LANGUAGE_CODE)[:2], "simple")


def normalise_query(query: str | None) -> str:
    return " ".join((query or "").split())[:MAX_QUERY_LENGTH]


def search(
    queryset: QuerySet, query: str | None, fields: list[str], language: str | None = None
) -> QuerySet:
    """Filter (and on PostgreSQL, rank) `queryset` by `query` over `fields`."""
    query = normalise_query(query)
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = search_config(language)
        vector = SearchVector(*fields, config=config)
        # "simple" catches names and codes the language's stemmer would mangle.
        ts_query = SearchQuery(query, config=config, search_type="websearch") | SearchQuery(
            query, config="simple", search_type="websearch"
        )
        # Match with @@ (every word), then rank: ts_rank alone is positive for partial matches.
        return (
            queryset.annotate(search_vector=vector, search_rank=SearchRank(vector, ts_query))
            .filter(search_vector=ts_query)
            .order_by("-search_rank", *queryset.query.order_by)
        )
    words = [w.strip('"') for w in query.split() if w.strip('"') and not w.startswith("-")]
    if not words:
        return queryset
    per_word = [
        reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words
    ]
    return queryset.filter(reduce(and_, per_word))
