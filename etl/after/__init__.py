"""After the load: corrections re-applied, checks and summaries computed, in one ordered list of steps."""
