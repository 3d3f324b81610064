from datetime import timedelta

import pytest

from commissioning.accounts.templatetags.account_tags import duration


@pytest.mark.parametrize(
    ("wait", "words"),
    [
        (timedelta(minutes=30), "30 minutes"),
        (timedelta(seconds=20), "1 minute"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=2, minutes=1), "2 hours and 1 minute"),
        (None, ""),
    ],
)
def test_duration_in_words(wait, words):
    assert duration(wait) == words
