"""Where the events are kept, and how they go out to a file and back: the database URL turned
into the event store's settings, the store prepared, and the backup and restore of its events.

Operations, not the domain: it reads the registry's event classes, never the other way round
(enforced by a test)."""
