"""Renderers turn library data (documents, passages, entries) into text; they never decide data."""
