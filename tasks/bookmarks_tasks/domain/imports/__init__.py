"""Bulk import: the files people already have, read into submissions that the single-submission rules check."""
