import time
from decimal import Decimal

import pytest
from django.utils import timezone

from commissioning.consultations.models import (
    Comment,
    Consultation,
    SuggestionMethod,
    Theme,
    ThemeSuggestion,
)
from commissioning.consultations.theming import (
    Suggestion,
    TfidfSuggester,
    keyword_scores,
    parse_keywords,
    suggest,
    suggestions_refresh,
)
from commissioning.core.roles import Role
from tests.factories import PolicingAreaFactory

THEMES = {
    "PCC GRANT": ["grant", "application form"],
    "YOUNG PEOPLE": ["young people", "youth", "children"],
    "HEALTH": ["mental health", "substance misuse"],
}

TRAINING = [
    ("Mental health triage in the control room reduces detentions.", "HEALTH"),
    ("Drug and alcohol treatment reduces reoffending.", "HEALTH"),
    ("Victims of domestic abuse need support after court.", "VICTIMS"),
    ("Witnesses are not kept informed about their court case.", "VICTIMS"),
    ("Community safety partnerships value the locality fund allocation.", "LOCALITY"),
    ("Locality fund allocations should be confirmed before April.", "LOCALITY"),
]


# --- Keyword rules ---------------------------------------------------------------------


def test_keywords_are_read_one_per_line_without_blanks_or_repeats():
    assert parse_keywords("grant\n\n  Application   form \nGRANT\n") == [
        "grant",
        "Application form",
    ]


def test_keywords_match_whole_words_and_phrases_in_any_case():
    scores = keyword_scores("The GRANT Application\nForm is too long.", THEMES)
    assert scores == {"PCC GRANT": 1.0, "YOUNG PEOPLE": 0.0, "HEALTH": 0.0}


def test_a_keyword_does_not_match_inside_a_longer_word():
    # Documented choice: "grant" is a whole word, so "granted" and "migrant" do not match.
    scores = keyword_scores("Funding was granted to a migrant support group.", THEMES)
    assert scores["PCC GRANT"] == 0.0


def test_a_trailing_star_matches_any_ending():
    themes = {"PCC GRANT": ["grant*"], "OTHER": ["grantee"]}
    assert keyword_scores("Funding was granted.", themes) == {"PCC GRANT": 1.0, "OTHER": 0.0}
    assert keyword_scores("A migrant group.", themes)["PCC GRANT"] == 0.0


def test_keyword_scores_are_shares_of_the_distinct_keywords_found():
    text = "Young people need mental health support; youth, youth and youth again."
    scores = keyword_scores(text, THEMES)
    # YOUNG PEOPLE: "young people" and "youth" (counted once); HEALTH: "mental health".
    assert scores == pytest.approx({"PCC GRANT": 0.0, "YOUNG PEOPLE": 2 / 3, "HEALTH": 1 / 3})


def test_curly_apostrophes_match_straight_ones():
    themes = {"LOCALITY": ["year's allocation"]}
    assert keyword_scores("A full year\u2019s allocation.", themes) == {"LOCALITY": 1.0}


def test_no_keyword_means_every_score_is_zero():
    assert keyword_scores("Nothing relevant here.", THEMES) == dict.fromkeys(THEMES, 0.0)


# --- TF-IDF ----------------------------------------------------------------------------


def _fitted(pairs=TRAINING):
    return TfidfSuggester().fit([text for text, _ in pairs], [label for _, label in pairs])


def test_tfidf_ranks_the_theme_whose_comments_are_most_alike_first():
    ranked = _fitted().predict(
        [
            "The locality fund allocation for each partnership.",
            "Support for victims and witnesses through the court case.",
        ]
    )
    assert [label for label, _score in ranked[0]][:1] == ["LOCALITY"]
    assert [label for label, _score in ranked[1]][:1] == ["VICTIMS"]
    scores = [score for _label, score in ranked[1]]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)


def test_tfidf_learns_from_one_example_per_theme():
    suggester = _fitted([("Mental health triage.", "HEALTH"), ("Locality fund.", "LOCALITY")])
    [ranked] = suggester.predict(["mental health services"])
    assert [label for label, _score in ranked] == ["HEALTH"]
    assert 0 < ranked[0][1] < 1


def test_themes_without_examples_are_never_predicted_by_tfidf():
    ranked = _fitted().predict(["grant application form for young people"])
    assert ranked == [[]]


def test_an_unfitted_or_empty_suggester_predicts_nothing():
    assert TfidfSuggester().predict(["anything"]) == [[]]
    assert _fitted([]).predict(["anything"]) == [[]]
    # Only stop words: nothing to learn from, and no error.
    assert _fitted([("the and of", "GENERAL")]).predict(["the"]) == [[]]


def test_tfidf_is_deterministic():
    text = ["Support for domestic abuse victims and mental health."]
    assert _fitted().predict(text) == _fitted().predict(text)


def test_fit_needs_a_label_for_every_text():
    with pytest.raises(ValueError, match="same length"):
        TfidfSuggester().fit(["one", "two"], ["A"])


def test_predicting_is_well_under_a_second_per_comment():
    suggester = _fitted(TRAINING * 20)
    texts = [f"Comment {n} about mental health and the locality fund." for n in range(200)]
    started = time.perf_counter()
    suggester.predict(texts)
    # Generous on a busy shared machine; measured at about a millisecond per comment.
    assert time.perf_counter() - started < 10


# --- Both together ---------------------------------------------------------------------


def test_keyword_hits_come_first_then_tfidf_for_other_themes():
    suggestions = suggest(
        "Mental health support for young people and the locality fund.", THEMES, _fitted()
    )
    assert suggestions[:2] == [
        Suggestion("YOUNG PEOPLE", "keywords", 0.5),
        Suggestion("HEALTH", "keywords", 0.5),
    ]
    assert suggestions[2].theme == "LOCALITY"
    assert suggestions[2].method == "tfidf"
    assert len(suggestions) == 3


def test_without_a_keyword_hit_tfidf_suggests_and_a_theme_appears_once():
    suggestions = suggest("Witnesses and victims at court.", THEMES, _fitted(), limit=5)
    assert [s.method for s in suggestions] == ["tfidf"]
    assert [s.theme for s in suggestions] == ["VICTIMS"]
    both = suggest("Mental health triage in the control room.", THEMES, _fitted(), limit=5)
    assert [(s.theme, s.method) for s in both] == [("HEALTH", "keywords")]


# --- The service -----------------------------------------------------------------------


def _consultation(slug="draft-2017-18"):
    return Consultation.objects.create(
        area=PolicingAreaFactory(), title="Draft framework 2017/18", slug=slug
    )


def _themes(consultation):
    return {
        "HEALTH": Theme.objects.create(
            consultation=consultation, name="HEALTH", keywords="mental health", order=1
        ),
        "LOCALITY": Theme.objects.create(consultation=consultation, name="LOCALITY", order=2),
        "PCC GRANT": Theme.objects.create(
            consultation=consultation, name="PCC GRANT", keywords="grant\napplication form", order=3
        ),
    }


@pytest.mark.django_db
def test_refresh_stores_suggestions_for_comments_without_a_theme(make_user):
    consultation = _consultation()
    themes = _themes(consultation)
    officer = make_user(Role.COMMISSIONING_OFFICER)
    confirmed = Comment.objects.create(
        consultation=consultation,
        text="Locality fund allocations should be confirmed before April.",
        theme=themes["LOCALITY"],
        themed_by=officer,
        themed_at=timezone.now(),
    )
    kept = ThemeSuggestion.objects.create(
        comment=confirmed, theme=themes["HEALTH"], method="keywords", score=Decimal("0.5")
    )
    by_tfidf = Comment.objects.create(
        consultation=consultation, text="The locality fund allocation matters to partnerships."
    )
    # PCC GRANT has no themed comment: only its keywords can suggest it.
    by_keyword = Comment.objects.create(
        consultation=consultation, text="The grant application form is too long."
    )
    nothing = Comment.objects.create(consultation=consultation, text="Thank you.")
    stale = ThemeSuggestion.objects.create(
        comment=by_tfidf, theme=themes["HEALTH"], method="tfidf", score=Decimal("0.9")
    )

    assert suggestions_refresh(consultation=consultation) == 2

    row = by_tfidf.suggestions.get()
    assert (row.theme, row.method) == (themes["LOCALITY"], SuggestionMethod.TFIDF)
    assert Decimal("0") < row.score < Decimal("1")
    assert row.score == row.score.quantize(Decimal("0.0001"))
    assert not ThemeSuggestion.objects.filter(pk=stale.pk).exists()
    keyword_row = by_keyword.suggestions.get()
    assert (keyword_row.theme, keyword_row.method, keyword_row.score) == (
        themes["PCC GRANT"],
        SuggestionMethod.KEYWORDS,
        Decimal("1.0000"),
    )
    assert not nothing.suggestions.exists()
    # The confirmed comment is untouched, and nothing is ever themed by the machine.
    assert list(confirmed.suggestions.all()) == [kept]
    assert list(Comment.objects.filter(theme__isnull=False).values_list("pk", "themed_by")) == [
        (confirmed.pk, officer.pk)
    ]


@pytest.mark.django_db
def test_refresh_keeps_at_most_three_suggestions_and_other_consultations_alone():
    consultation = _consultation()
    themes = _themes(consultation)
    other = _consultation("other")
    other_theme = Theme.objects.create(consultation=other, name="HEALTH")
    other_comment = Comment.objects.create(consultation=other, text="Mental health.")
    other_row = ThemeSuggestion.objects.create(
        comment=other_comment, theme=other_theme, method="keywords", score=Decimal("1")
    )
    Comment.objects.create(
        consultation=consultation, text="Partnerships value the fund.", theme=themes["LOCALITY"]
    )
    comment = Comment.objects.create(
        consultation=consultation,
        text="Mental health, a grant application form, and the partnerships fund.",
    )
    Theme.objects.create(consultation=consultation, name="MORE", keywords="fund", order=4)

    assert suggestions_refresh(consultation=consultation) == 1
    assert comment.suggestions.count() == 3
    assert ThemeSuggestion.objects.filter(pk=other_row.pk).exists()


def _comments(consultation, themes, count):
    texts = [
        ("Mental health triage helps officers.", "HEALTH"),
        ("Locality fund allocations for partnerships.", "LOCALITY"),
        ("A grant application form for charities.", None),
    ]
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            text=f"{texts[n % 3][0]} Comment {n}.",
            theme=themes[texts[n % 3][1]] if n % 2 and texts[n % 3][1] else None,
        )
        for n in range(count)
    )


@pytest.mark.django_db
def test_refresh_uses_the_same_number_of_queries_however_many_comments(
    django_assert_num_queries,
):
    small, large = _consultation("small"), _consultation("large")
    _comments(small, _themes(small), 6)
    _comments(large, _themes(large), 60)

    # Savepoint, lock, themes, comments, delete, one insert, release.
    with django_assert_num_queries(7):
        suggestions_refresh(consultation=small)
    with django_assert_num_queries(7):
        refreshed = suggestions_refresh(consultation=large)

    assert refreshed == 40  # the 40 of 60 comments without a theme
    assert ThemeSuggestion.objects.filter(comment__consultation=large).count() > 40
