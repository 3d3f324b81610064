"""Demo data: the real frameworks from the seed documents, and one log-in per role."""
