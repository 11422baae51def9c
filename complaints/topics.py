"""Topics of complaint texts, across Arabic, French and Darija: the "themes" of the analytics.

Each text (subject + description) is put with its script, Arabic or Latin letters, by
counting characters in the Unicode ranges (Darija is written in both; French is Latin). Per
script, the texts become TF-IDF vectors of character n-grams (robust to the spelling
variations of Darija, to French accents and to Arabic clitics), NMF factorises them into
topics, and each text joins its strongest topic. A topic is shown by the words most typical of
its texts (word TF-IDF of the cluster minus the whole script's), each word found in at least
MIN_CELL complaints of the cluster: never a text, a name, a number or an address.

Large volumes are sampled: at most COMPLAINTS_TOPICS_SAMPLE texts (default 20,000) of the last
COMPLAINTS_TOPICS_MONTHS months (default 12), drawn with a fixed seed, so a recompute on the
same data gives the same topics (NMF has random_state=0 as well).

Growth compares the topic's share of the script's texts in the snapshot's month (the month of
the latest complaint) with its share in the month before, in percentage points; the topics
that grew most (COMPLAINTS_TOPICS_GROWING, default 3, growth > 0, at least MIN_CELL texts this
month) are flagged `growing`.
"""

import random
import re
import unicodedata
import warnings

from django.conf import settings
from django.utils import timezone

from .models import SnapshotTopic

Script = SnapshotTopic.Script

ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alif, tatweel
_WORD = re.compile(r"\w+")

STOP_WORDS = frozenset(
    # French
    "les des une dans pour par sur pas plus que qui est sont ont avec sans cette ces mon mes "
    "nous vous ils elle elles leur leurs depuis très tout toute tous toutes encore même aussi "
    "mais donc car été être avoir fait faire jour jours aux ceux celle son ses sous entre comme "
    "quand alors rien toujours aucun aucune chez moi lui notre votre "
    # English
    "the and for with from this that have has not are was were been there their our your "
    # Darija in Latin letters
    "dyal dial wach bzaf chi hta machi rah had hadi hadchi kayn kayna 3ndi 3and ana nta hna "
    "fach bach walo mzyan kolchi ghir "
    # Arabic (normalised: no harakat)
    "في من على إلى الى عن مع هذا هذه ذلك التي الذي الذين أن ان إن لا لم لن ما ماذا ثم قد كان كانت "
    "منذ دون أي اي كل عند بعد قبل حتى أو او ولا ولم وقد وهو وهي هو هي نحن أنا انا لقد بين غير "
    "أكثر اكثر ايضا أيضا "
    # Darija in Arabic letters
    "ديال ديالي ديالنا واش بزاف شي ماشي راه هاد هادي هادشي كاين كاينة عندي عندنا ليا فين باش "
    "والو مزيان غير حنا".split()
)


def script_of(text: str) -> str | None:
    """Arabic when Arabic letters outnumber Latin ones; None without letters."""
    arabic = latin = 0
    for char in text:
        code = ord(char)
        if any(low <= code <= high for low, high in ARABIC_RANGES):
            arabic += char.isalpha()
        elif char.isalpha():
            latin += 1
    if not arabic and not latin:
        return None
    return Script.ARABIC if arabic > latin else Script.LATIN


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return _ARABIC_MARKS.sub("", text)


def words(text: str) -> list[str]:
    """Words for the topic labels: 3+ letters, no stop word, nothing like a number or code."""
    found = []
    for word in _WORD.findall(normalise(text)):
        digits = sum(c.isdigit() for c in word)
        # Arabizi uses a digit for a letter (3, 7, 9): allow one, never numbers or codes.
        if len(word) < 3 or digits > 1 or digits == len(word) or "_" in word:
            continue
        if word in STOP_WORDS:
            continue
        found.append(word)
    return found


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _month(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m")


def _previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def sample_texts(queryset, *, size: int, months: int) -> tuple[list[tuple[str, str]], str]:
    """([(text, month)], reference month): the latest months' texts, sampled if many."""
    latest = queryset.order_by("-received_at").values_list("received_at", flat=True).first()
    if latest is None:
        return [], ""
    reference = _month(latest)
    local = timezone.localtime(latest)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    year, month = start.year, start.month - (months - 1)
    while month < 1:
        month += 12
        year -= 1
    start = start.replace(year=year, month=month)
    window = queryset.filter(received_at__gte=start).order_by()
    ids = sorted(window.values_list("pk", flat=True))
    if len(ids) > size:
        ids = sorted(random.Random(0).sample(ids, size))  # noqa: S311 (a sample, not a secret)
    texts = []
    for offset in range(0, len(ids), 5000):
        chunk = ids[offset : offset + 5000]
        rows = window.filter(pk__in=chunk).values_list(
            "pk", "subject", "description", "received_at"
        )
        for _pk, subject, description, received in sorted(rows):
            texts.append((f"{subject}\n{description}", _month(received)))
    return texts, reference


def cluster(texts: list[str], n_topics: int, *, min_docs: int):
    """(labels per text (-1: none), [top words per topic]) for the texts of one script."""
    import numpy as np
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    k = min(n_topics, len(texts) // max(min_docs * 2, 1))
    if k < 2:
        return [-1] * len(texts), []
    normalised = [normalise(t) for t in texts]
    vectors = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=2,
        max_df=0.6,
        max_features=30_000,
        sublinear_tf=True,
    ).fit_transform(normalised)
    if vectors.shape[1] < k:
        return [-1] * len(texts), []
    with warnings.catch_warnings():
        # Few, repetitive texts converge slowly; the assignment is what matters here.
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=400).fit_transform(
            vectors
        )
    labels = weights.argmax(axis=1)
    labels[weights.max(axis=1) <= 0] = -1

    try:
        word_vectorizer = TfidfVectorizer(
            analyzer=words, min_df=min_docs, sublinear_tf=True, dtype=np.float32
        )
        word_matrix = word_vectorizer.fit_transform(texts)
    except ValueError:  # no word in enough texts
        return labels.tolist(), [[] for _ in range(k)]
    vocabulary = word_vectorizer.get_feature_names_out()
    overall = np.asarray(word_matrix.mean(axis=0)).ravel()
    present = word_matrix > 0
    terms = []
    for topic in range(k):
        members = labels == topic
        if not members.any():
            terms.append([])
            continue
        mean = np.asarray(word_matrix[members].mean(axis=0)).ravel()
        in_docs = np.asarray(present[members].sum(axis=0)).ravel()
        score = np.where(in_docs >= min_docs, mean - overall, -np.inf)
        best = [i for i in np.argsort(-score, kind="stable")[:8] if np.isfinite(score[i])]
        terms.append([str(vocabulary[i]) for i in best if score[i] > 0])
    return labels.tolist(), terms


def compute_topics(snapshot, queryset) -> list[SnapshotTopic]:
    from .analytics import MIN_CELL

    size = _setting("COMPLAINTS_TOPICS_SAMPLE", 20_000)
    months = _setting("COMPLAINTS_TOPICS_MONTHS", 12)
    n_topics = _setting("COMPLAINTS_TOPICS_PER_SCRIPT", 8)
    n_growing = _setting("COMPLAINTS_TOPICS_GROWING", 3)
    texts, reference = sample_texts(queryset, size=size, months=months)
    previous = _previous_month(reference) if reference else ""
    snapshot.topics_sample = len(texts)
    snapshot.topics_month = reference
    by_script: dict[str, list[tuple[str, str]]] = {Script.ARABIC: [], Script.LATIN: []}
    for text, month in texts:
        script = script_of(text)
        if script:
            by_script[script].append((text, month))
    topics = []
    for script, items in by_script.items():
        labels, terms = cluster([t for t, _m in items], n_topics, min_docs=MIN_CELL)
        if not terms:
            continue
        months_of = [m for _t, m in items]
        in_month = sum(m == reference for m in months_of)
        in_previous = sum(m == previous for m in months_of)
        found = []
        for topic, top in enumerate(terms):
            members = [m for label, m in zip(labels, months_of, strict=True) if label == topic]
            if len(members) < MIN_CELL or not top:
                continue
            this = sum(m == reference for m in members)
            before = sum(m == previous for m in members)
            growth = None
            if in_month and in_previous:
                growth = round(100 * this / in_month - 100 * before / in_previous, 1)
            found.append(
                {
                    "terms": top,
                    "size": len(members),
                    "share": round(100 * len(members) / len(items), 1),
                    "this_month": this,
                    "previous_month": before,
                    "growth": growth,
                }
            )
        found.sort(key=lambda t: (-t["size"], t["terms"]))
        growing = sorted(
            (t for t in found if t["growth"] and t["growth"] > 0 and t["this_month"] >= MIN_CELL),
            key=lambda t: -t["growth"],
        )[:n_growing]
        for rank, topic in enumerate(found, start=1):
            topics.append(
                SnapshotTopic(
                    snapshot=snapshot,
                    month=reference,
                    script=script,
                    rank=rank,
                    growing=any(topic is g for g in growing),
                    **topic,
                )
            )
    SnapshotTopic.objects.bulk_create(topics)
    return topics
