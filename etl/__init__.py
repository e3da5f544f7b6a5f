"""ETL: a folder of rule-of-law report files -> one DuckDB of documents and figures.

Data flow (each a module with one job): readers -> normalise -> segment ->
metadata -> extract/tables -> store -> checks. See DESIGN.md.
"""

EXTRACTOR_VERSION = "1"
