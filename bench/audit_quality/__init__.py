"""Measuring the quality of `jixiao audit` on data it was not tuned on.

- `corpus`: every corpus file, its split (dev / locked-test) and its hand annotation;
- `matching`: findings against annotated ✗ items (found, missed, false alarms);
- `mutation`: the mutation benchmark (one planted error per clean relation);
- `bench/audit_surface/`: the surface benchmark (kept apart: the detector engineer never reads it).

`bench/audit_corpus.py` runs them all and prints the figures (see docs/audit.md).
"""
