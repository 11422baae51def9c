"""Similar petitions shown while drafting: public ones, and rejected ones with their status.

Never a draft, a petition whose committee is forming, one awaiting moderation, a draft that
was withdrawn, or a removed one: those are not public, and their titles must not leak.
A rejected petition's page is not public either, but its title and status are shown here
(the spec asks drafters to see rejected attempts too); it is not linked.

Unlike the list's search (every word must match), any significant word of the title may
match, and the best matches come first: a drafter typing a long title still sees
near-duplicates.
"""

from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from ogp_portal.core.search import normalise_query, search_config

from .models import Petition

LIMIT = 5
MIN_WORD = 3  # shorter words (articles, particles) match too much
MAX_WORDS = 12
# Frequent words PostgreSQL's language configurations drop but the SQLite fallback would not.
STOP_WORDS = frozenset(
    "les des pour dans une sur par avec aux est qui que pas plus ses son leur "
    "the for and with from that this are our all "
    "في من على إلى عن مع هذا هذه التي الذي".split()
)


# Titles rejected for these reasons are not repeated to anyone, even as a warning.
UNREPEATABLE = (Petition.RejectionReason.OFFENSIVE, Petition.RejectionReason.DISCRIMINATORY)


def candidates():
    """What the similar list may show: public petitions and rejected ones (not those rejected
    as offensive or discriminatory)."""
    rejected = Petition.objects.filter(status=Petition.Status.REJECTED).exclude(
        rejection_reason__in=UNREPEATABLE
    )
    return Petition.objects.public() | rejected


def _words(title: str) -> list[str]:
    words = []
    for word in normalise_query(title).split():
        word = "".join(c for c in word if c.isalnum())
        lowered = word.lower()
        if (
            len(word) >= MIN_WORD
            and lowered not in STOP_WORDS
            and lowered not in (w.lower() for w in words)
        ):
            words.append(word)
    return words[:MAX_WORDS]


def similar_petitions(title: str, *, exclude_pk=None, limit: int = LIMIT) -> list[Petition]:
    """Up to `limit` petitions similar to `title`, best first."""
    words = _words(title)
    if not words:
        return []
    queryset = candidates().select_related("counts")
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    fields = ["title", "text"]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = search_config()
        vector = SearchVector("title", weight="A", config=config) + SearchVector(
            "text", weight="B", config=config
        )
        query = SearchQuery(" or ".join(words), config=config, search_type="websearch")
        return list(
            queryset.annotate(similar_vector=vector, rank=SearchRank(vector, query))
            .filter(similar_vector=query)
            .order_by("-rank", "-pk")[:limit]
        )
    # Elsewhere (SQLite): one point per word found in the title or the text.
    per_word = [reduce(or_, (Q(**{f"{f}__icontains": w}) for f in fields)) for w in words]
    score = sum(
        (Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField()))
        for q in per_word
    )
    return list(
        queryset.filter(reduce(or_, per_word))
        .annotate(score=score)
        .order_by("-score", "-pk")[:limit]
    )
