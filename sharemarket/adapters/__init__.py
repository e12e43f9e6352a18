"""Adapters: everything that touches the outside (databases behind views, export formats)."""
