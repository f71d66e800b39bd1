"""Measuring the pipeline: scoring against gold, explaining one article, the review page, the bench."""
