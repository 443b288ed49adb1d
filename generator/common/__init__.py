"""Shared by every stage: the Problems collector (and its report) and stage timings."""
