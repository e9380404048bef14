"""Persistence: the ORM models (Django app label ``persistence``), migrations, and mappers
between rows and the pure domain objects. The only package that defines tables."""
