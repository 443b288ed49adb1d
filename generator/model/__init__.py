"""Stage 2, model: the objects built from valid files, the checks across files, statuses and the glossary."""
