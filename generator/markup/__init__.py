"""Markdown to HTML, sanitising untrusted text, and reading built HTML for links: shared by the stages above."""
