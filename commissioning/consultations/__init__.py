"""Consultations on a draft framework: the survey, responses, analysis into themed
comments, and the published "we asked, you said, we did" table."""
