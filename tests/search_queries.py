"""Queries that try to break the search engine's syntax or size limits (FTS5 and PostgreSQL)."""

HOSTILE_QUERIES = [
    '"',
    '"unbalanced quote',
    "*",
    "earth*",
    "NEAR(",
    "NEAR(earthquake valdoria, 2)",
    "AND OR",
    "earthquake AND OR NOT",
    "title:earthquake",
    "^earthquake",
    "-- ;' DROP TABLE discovery_search",
    "a" * 10_000,
    "earthquake " * 2_000,
    "quake\x00valdoria",
    "\x00",
    "earthquake\ud800",
    "\udfff",
    "&&& ||| !!! :: ()",
]
