"""Declarative forms: YAML definitions become accessible GOV.UK-pattern web forms."""
