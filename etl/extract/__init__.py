"""Extract: a document's text -> its reporter (region, level, year, type) and its figures, by the catalogue."""
