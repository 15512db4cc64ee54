"""The scraper: one polite HTTP client, feed and OData clients, publication and transcript fetchers."""
