"""quotecite: look up, cite and quote translated archival documents exactly."""

__version__ = "0.1.0"
