"""Theme suggestions for consultation comments.

Two methods, both offline and fast on a CPU:

- keyword rules: each theme lists words or phrases; a comment that contains one (whole
  words, any case) is suggested that theme;
- TF-IDF: a comment is compared with the comments a person has already themed, by the
  cosine similarity of its TF-IDF vector to each theme's centroid.

A suggestion is only a suggestion: nothing here sets ``Comment.theme``; a person confirms.
The pure functions take and return plain text and labels, so the benchmark
(``manage.py evaluate_theming``) measures exactly what the service uses.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from django.db import transaction

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from .models import Comment, Consultation, SuggestionMethod, Theme, ThemeSuggestion

SUGGESTIONS_PER_COMMENT = 3
SCORE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Suggestion:
    theme: str
    method: str
    score: float


# --- Keyword rules ---------------------------------------------------------------------


def parse_keywords(text: str) -> list[str]:
    """Theme.keywords: one word or phrase per line; blank lines and repeats are dropped."""
    seen: dict[str, str] = {}
    for line in text.splitlines():
        keyword = " ".join(line.split())
        if keyword and keyword.casefold() not in seen:
            seen[keyword.casefold()] = keyword
    return list(seen.values())


@lru_cache(maxsize=2048)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    # Whole words only, so "grant" does not match "granted" or "migrant"; a trailing "*"
    # asks for any ending ("grant*" matches grant, grants, granted). Words of a phrase
    # may be separated by any whitespace, including a line break.
    words = keyword.casefold().split()
    parts = [re.escape(word.rstrip("*")) for word in words]
    if words[-1].endswith("*"):
        parts[-1] += r"\w*"
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def _normalise_text(text: str) -> str:
    # Word processors curl apostrophes; keyword lists are typed with straight ones.
    return text.casefold().replace("\u2019", "'").replace("\u2018", "'")


def keyword_scores(text: str, themes: Mapping[str, Sequence[str]]) -> dict[str, float]:
    """Each theme's share of the distinct keywords found in the text (0 to 1).

    A theme scores by how many of its keywords occur (each counted once, so repeating a
    word does not inflate it); scores are divided by the total so they sum to 1 when any
    keyword matched, and are all 0 when none did.
    """
    haystack = _normalise_text(text)
    hits = {
        theme: sum(
            1
            for keyword in keywords
            if keyword.strip("* ") and _keyword_pattern(keyword).search(haystack)
        )
        for theme, keywords in themes.items()
    }
    total = sum(hits.values())
    return {theme: (count / total if total else 0.0) for theme, count in hits.items()}


# --- TF-IDF ----------------------------------------------------------------------------


class TfidfSuggester:
    """Nearest centroid over TF-IDF vectors, ranked by cosine similarity.

    Chosen over a classifier because it needs nothing more than one example per theme, has
    no randomness and no hyperparameters to tune on tiny data, and its score (a cosine
    similarity, 0 to 1) means the same whatever the number of themes. Themes with no
    examples are simply unknown to it (keyword rules still cover them).
    """

    def __init__(self) -> None:
        self._vectorizer: TfidfVectorizer | None = None
        self._labels: list[str] = []
        self._centroids: np.ndarray | None = None

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> "TfidfSuggester":
        """Learn from labelled texts (fitting again forgets what was learnt before)."""
        if len(texts) != len(labels):
            raise ValueError("texts and labels must be the same length")
        self._vectorizer, self._centroids, self._labels = None, None, []
        if not texts:
            return self
        # Imported here: scikit-learn takes seconds to import, and only theming needs it
        # (every page that merely imports the URL configuration would otherwise wait).
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

        vectorizer = TfidfVectorizer(
            stop_words="english",
            ngram_range=(1, 2),
            sublinear_tf=True,
            strip_accents="unicode",
        )
        try:
            vectors = vectorizer.fit_transform(texts)
        except ValueError:  # nothing but stop words: no vocabulary to learn
            return self
        # Labels in order of first appearance, so equal scores rank the same way every time.
        ordered = list(dict.fromkeys(labels))
        rows = []
        for label in ordered:
            mask = np.array([item == label for item in labels])
            rows.append(np.asarray(vectors[mask].mean(axis=0)).ravel())
        self._vectorizer = vectorizer
        self._labels = ordered
        self._centroids = normalize(np.vstack(rows))
        return self

    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, float]]]:
        """For each text, the known labels with a score above 0, best first."""
        if self._vectorizer is None or self._centroids is None or not texts:
            return [[] for _text in texts]
        similarities = self._vectorizer.transform(texts) @ self._centroids.T
        ranked = []
        for row in np.asarray(similarities):
            order = sorted(range(len(self._labels)), key=lambda index: (-row[index], index))
            ranked.append([(self._labels[i], float(row[i])) for i in order if row[i] > 0])
        return ranked


# --- Both together ---------------------------------------------------------------------


def suggest_many(
    texts: Sequence[str],
    keyword_themes: Mapping[str, Sequence[str]],
    suggester: TfidfSuggester,
    *,
    limit: int = SUGGESTIONS_PER_COMMENT,
) -> list[list[Suggestion]]:
    """Suggestions for each text: keyword hits first (a person wrote those rules), then
    TF-IDF for themes not already suggested, at most ``limit`` and one per theme."""
    results = []
    for text, tfidf in zip(texts, suggester.predict(texts), strict=True):
        scores = keyword_scores(text, keyword_themes)
        by_keyword = sorted(
            ((theme, score) for theme, score in scores.items() if score > 0),
            key=lambda item: -item[1],  # stable: ties keep the themes' order
        )
        chosen = [Suggestion(t, SuggestionMethod.KEYWORDS.value, s) for t, s in by_keyword]
        taken = {suggestion.theme for suggestion in chosen}
        chosen += [
            Suggestion(theme, SuggestionMethod.TFIDF.value, score)
            for theme, score in tfidf
            if theme not in taken
        ]
        results.append(chosen[:limit])
    return results


def suggest(
    text: str,
    keyword_themes: Mapping[str, Sequence[str]],
    suggester: TfidfSuggester,
    *,
    limit: int = SUGGESTIONS_PER_COMMENT,
) -> list[Suggestion]:
    return suggest_many([text], keyword_themes, suggester, limit=limit)[0]


def _as_score(value: float) -> Decimal:
    return Decimal(str(min(max(value, 0.0), 1.0))).quantize(SCORE_PLACES)


# --- Service ---------------------------------------------------------------------------


def suggestions_refresh(*, consultation: Consultation) -> int:
    """Replace the suggestions of every comment with no theme; return how many got some.

    Learns from the consultation's comments that have a theme (set by a person, or by an
    imported comment log that a person themed) and from each theme's keywords. Comments
    with a theme keep their suggestions untouched; no comment's theme is ever set here.
    """
    with transaction.atomic():
        # Two refreshes at once would each delete, then both insert the same rows.
        Consultation.objects.select_for_update(of=("self",)).only("pk").get(pk=consultation.pk)
        themes = {theme.name: theme for theme in Theme.objects.filter(consultation=consultation)}
        names = {theme.pk: name for name, theme in themes.items()}
        comments = list(
            Comment.objects.filter(consultation=consultation).only("pk", "text", "theme_id")
        )
        themed = [(c.text, names[c.theme_id]) for c in comments if c.theme_id in names]
        pending = [c for c in comments if c.theme_id is None]

        suggester = TfidfSuggester().fit([t for t, _n in themed], [n for _t, n in themed])
        keyword_themes = {name: parse_keywords(theme.keywords) for name, theme in themes.items()}
        suggestions = suggest_many([c.text for c in pending], keyword_themes, suggester)

        ThemeSuggestion.objects.filter(
            comment__consultation=consultation, comment__theme__isnull=True
        ).delete()
        rows = [
            ThemeSuggestion(
                comment=comment,
                theme=themes[item.theme],
                method=item.method,
                score=_as_score(item.score),
            )
            for comment, items in zip(pending, suggestions, strict=True)
            for item in items
        ]
        ThemeSuggestion.objects.bulk_create(rows, batch_size=500)
        return sum(1 for items in suggestions if items)
