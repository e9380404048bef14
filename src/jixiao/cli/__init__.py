"""Command-line interface: a thin click group; each command lives in its own module."""
