from commissioning.core.markdown import render_markdown


def test_markdown_is_rendered_with_govuk_classes():
    html = render_markdown("# Foreword\n\nSome **bold** text.\n\n- one\n- two\n")
    assert '<h2 class="govuk-heading-m">Foreword</h2>' in html
    assert '<p class="govuk-body">Some <strong>bold</strong> text.</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html


def test_dangerous_markup_is_removed():
    html = render_markdown(
        "<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
        '<img src=x onerror=alert(1)> <a href="https://example.org" onclick="x()">ok</a>'
    )
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<img" not in html
    assert 'href="https://example.org"' in html


def test_links_and_tables():
    html = render_markdown(
        "[OPCC](https://www.leics.pcc.police.uk)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert 'class="govuk-link"' in html
    assert 'rel="noopener noreferrer"' in html
    assert '<table class="govuk-table">' in html


def test_authors_cannot_set_classes():
    html = render_markdown('<a href="https://example.org" class="govuk-button">Pay now</a>')
    assert "govuk-button" not in html
    assert 'class="govuk-link"' in html
