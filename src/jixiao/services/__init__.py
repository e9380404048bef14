"""Use cases: orchestration of domain, ingest, documents and persistence."""
