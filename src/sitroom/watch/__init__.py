"""Watching the news: sources polled, new articles ingested, alerts delivered (``sitroom watch``).

``sources`` reads the sources file, ``fetch`` fetches safely, ``items`` lists a feed's or a sitemap's
entries, ``dedup`` finds syndicated copies, ``alerts`` decides and delivers alerts, and ``watcher`` runs
the loop. The watcher's books live in the store (``sitroom.store.watch``).
"""
