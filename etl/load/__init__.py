"""Load: extracted rows -> a new DuckDB file swapped in under one lock (full or delta), Parquet export."""
