"""Guidebook: one YAML file of partner institutions -> five language sites and print PDFs."""
