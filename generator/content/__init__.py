"""Stage 1, content: the schema, dates, reading YAML and Markdown, loading and validating each file."""
