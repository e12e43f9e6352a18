"""Tests of the kernel: the unit of work and its aggregate cache."""
