/** Public API of the ingest stage: files → RawDocument → Article → Chunk[]. */
export { loadDocuments, listInputFiles, extractHtml, extractMarkdown, formatOf, DEFAULT_MAX_FILE_BYTES } from './load.js';
export type { RawDocument, IngestProblem, LoadOptions, DocumentFormat, HtmlExtract, FileEntry } from './load.js';
export { cleanArticleText, deriveTitle } from './clean.js';
export type { CleanedText, CleanHints } from './clean.js';
export { parsePublishedDate, parseDateLine, findMeetingDate, findPeriodYear, resolveMeetingDate } from './dates.js';
export type { DayMonth, DateLine, FoundMeetingDate } from './dates.js';
export { extractEventCard } from './event-card.js';
export type { EventCardInput } from './event-card.js';
export { toArticle } from './article.js';
export { chunkArticle, chunkMeta, chunkHeader, DEFAULT_MAX_CHARS, DEFAULT_MIN_CHARS } from './chunk.js';
export type { ChunkOptions } from './chunk.js';
