"""Pure domain layer: the rules of 预算绩效管理, standard library only.

Nothing here reads files, the clock, the network or a database; callers pass values in.
An import-linter contract and tests/test_architecture.py keep it that way.
"""
