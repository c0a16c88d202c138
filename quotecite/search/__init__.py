"""Full-text search (SQLite FTS5) and quotation finding (rapidfuzz) over a corpus.

Modules: normalize (text folding), query (user syntax → FTS5), index (the index and keeping it
current), lookup (search), find (quotation sources). Nothing heavy is imported here.
"""
