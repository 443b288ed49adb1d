"""Stage 3, derive: every figure the site shows, and the tracker of recommendations."""
