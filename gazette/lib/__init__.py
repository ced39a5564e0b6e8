"""Pure helpers with no Django models: outgoing HTTP, HTML cleaning, text and URL utilities."""
