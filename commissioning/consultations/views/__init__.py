"""Consultation pages, one URL module per area of work: builder_urls (officers build the
survey and enter paper responses), respond_urls (the public answers), analysis_urls
(results, comments, themes), outcome_urls ("you said, we did", exports, moderation)."""
