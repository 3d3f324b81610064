"""Commissioning Frameworks: the yearly budget by priority, itemised by service line,
with its funding sources, narrative, versions and year-on-year changes."""
