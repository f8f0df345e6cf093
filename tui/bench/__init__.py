"""Synthetic fact files and the `make bench` benchmark."""
