"""Views for frameworks, split by area of work: framework_urls (frameworks, lifecycle,
narrative), line_urls (service lines, categories, funding sources), report_urls
(summaries, charts, comparisons, import and export)."""
