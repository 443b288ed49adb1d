"""Stage 4, pages: every page of the site, its address and its Markdown."""
