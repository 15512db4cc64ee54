"""The scraper: one polite HTTP client, the SyncFeed and OData clients, publication and transcript fetchers."""
