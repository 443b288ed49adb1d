"""The commands behind `python -m generator`: build, validate, serve, new, fmt, schemas, and the pipeline they run."""
