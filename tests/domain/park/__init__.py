"""Tests of the park slice's domain: the Park aggregate and its membership rules."""
