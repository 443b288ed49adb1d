"""Accessible committee-paper and recommendation-progress sites from Markdown and YAML."""

__version__ = "0.1.0"
