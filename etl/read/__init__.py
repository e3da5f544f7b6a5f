"""Read: a file's bytes -> decoded text -> matching text with an offset map -> documents of a compilation."""
