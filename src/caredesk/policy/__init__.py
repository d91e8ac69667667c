"""Pure rules: masking, contact preferences, triage and SLA. No I/O, no config.

Callers pass plain values in and get plain values out, so every rule is a
unit test away from being checked.
"""
