"""CSL rendering for quotecite: citeproc-py 0.11.1, corrected by :mod:`quotecite.csl.engine`.

Import :mod:`quotecite.csl.engine` only from the citation commands: it imports citeproc and lxml.
"""
