"""Paragraphs from what an officer types."""

from commissioning.reports.sections import normalise, paragraphs


def test_paragraphs_are_separated_by_blank_lines_and_typed_numbers_are_removed() -> None:
    text = "1. The purpose.\r\n\r\n\r\n  2.  The Panel are recommended\nto note.  \n\n \n"
    assert normalise(text) == "The purpose.\n\nThe Panel are recommended\nto note."
    found = paragraphs(text)
    assert [p.text for p in found] == ["The purpose.", "The Panel are recommended to note."]


def test_a_year_at_the_start_of_a_paragraph_is_not_taken_for_a_number() -> None:
    assert normalise("2017. was a year") == "2017. was a year"


def test_lines_starting_with_a_dash_are_bullets_of_their_paragraph() -> None:
    [paragraph] = paragraphs(
        "The key points were:\n- strong support for the fund\n  which continues\n- tags"
    )
    assert paragraph.text == "The key points were:"
    assert paragraph.items == ["strong support for the fund which continues", "tags"]
