/** Bump when cleaning, event-card extraction or chunking changes: indexes built with another version are rebuilt. */
export const INGEST_VERSION = 22;
