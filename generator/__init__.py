"""Accessible committee-paper and recommendation-progress sites from Markdown and YAML.

The packages are the stages, from the bottom up: common, engine, markup,
content, model, derive, pages, commands (and cli.py). Imports only point
down that list; docs/architecture.md says what each holds.
"""

__version__ = "0.1.0"
