"""The pieces of article extraction: metadata signals, dates, authors, the body, data sets."""
