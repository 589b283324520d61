/**
 * Loading input documents from files and directories.
 *
 * Contracts:
 * - `loadDocuments(paths)` yields documents in a stable order: paths in the order given; inside a
 *   directory, entries sorted by name (code-unit order), recursively, dot-files/dot-dirs skipped.
 * - Formats by extension: .txt, .md, .html/.htm, .jsonl, .jsonl.gz. JSON Lines files are streamed
 *   line by line (constant memory in the file size); every other file is read whole.
 * - Every yielded `text` is NFC + canonical tone placement (normalizeText), "\n" line ends, no BOM.
 * - `id`: file base name; when an earlier document of this run already used it, the path relative
 *   to the directory argument it was found under (or to the cwd) instead, then "~2", "~3"…
 *   JSON Lines: the record's `id` (a repeated id within one run gets "~2"… and a problem).
 * - `contentHash`: sha256 hex of the raw bytes of the file, or of the record's line (without "\n").
 * - Failure modes: a named path that is missing/unreadable, or a named file with an unsupported
 *   extension → AppError INPUT_UNREADABLE (thrown before anything is yielded). A binary (a NUL byte anywhere,
 *   mostly control bytes) or invalid UTF-8/UTF-16 file → AppError INPUT_BINARY when named directly, else an
 *   `onProblem` report and skip. UTF-16 files with a byte order mark are decoded. Empty files, files over
 *   `maxFileBytes`, documents over `maxDocumentChars` of text and pages the HTML parser cannot take → reported and
 *   skipped (named or not). Inside directories, unsupported extensions are ignored silently. A bad JSON Lines line
 *   (not JSON, no id/text, invalid UTF-8, over maxFileBytes — enforced while reading) → reported with its 1-based
 *   line number, skipped. A file that cannot be read to its end (I/O error, corrupt or truncated .gz, a last line
 *   cut off mid-record, over decompressedCap) → a problem with `incomplete: true` (see IngestProblem).
 *   `maxFileBytes` limits whole-file formats and single JSON Lines records, not streamed files.
 * - HTML is walked iteratively (no recursion per nesting level): any depth is read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { parse as parseHtml, type HTMLElement, type Node as HtmlNode } from 'node-html-parser';
import { AppError, type ErrorCode } from '../errors.js';
import { normalizeText, squashSpaces } from '../text/normalize.js';
import { LineSplitter, type LineEvent } from './lines.js';

export type DocumentFormat = 'txt' | 'md' | 'html' | 'jsonl';

export interface RawDocument {
  id: string;
  /** File the document came from (as given/found, not resolved). */
  path: string;
  format: DocumentFormat;
  title: string | null;
  url: string | null;
  /** Publication date exactly as found in the source metadata (unparsed), or null. */
  date: string | null;
  text: string;
  contentHash: string;
}

export interface IngestProblem {
  code: Extract<ErrorCode, 'INPUT_UNREADABLE' | 'INPUT_BINARY' | 'INPUT_EMPTY' | 'INPUT_TOO_LARGE'>;
  path: string;
  /** 1-based line number for JSON Lines problems. */
  line?: number;
  message: string;
  /**
   * The file could not be read to its end (an I/O error, a truncated or corrupt .gz, a last line cut off, the
   * decompressed-size cap): what was read is current, and ingest keeps the file's previous articles it did not
   * read, and the command fails (see ingest.ts). Absent: the file's content itself is bad and was skipped.
   */
  incomplete?: boolean;
}

export interface LoadOptions {
  onProblem?: (problem: IngestProblem) => void;
  /** Default 20 MB. */
  maxFileBytes?: number;
  /** Characters of text one document may have (default DEFAULT_MAX_DOCUMENT_CHARS); longer ones are skipped. */
  maxDocumentChars?: number;
  /** Bytes a .jsonl.gz may decompress to (default: decompressedCap of its size). */
  maxDecompressedBytes?: number;
  /** Files (as listed by `listInputFiles`) not to read: their documents are known to the caller. */
  skipFile?: (file: string) => boolean;
  /** Ids already taken (by the documents of skipped files): new documents never get them. */
  reservedIds?: Iterable<string>;
  /** `listInputFiles(paths)` when the caller already has it: the paths are not walked again. */
  entries?: readonly FileEntry[];
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * Characters of text one document may have (after HTML/Markdown extraction): ~2,000 pages, far beyond any report.
 * Its passages, keyword rows and vectors are prepared at once; a 19 MB page of 12.5M characters (60k passages) peaked
 * at 1.0–1.45 GB, a document at this limit stays near 0.5 GB.
 */
export const DEFAULT_MAX_DOCUMENT_CHARS = 4_000_000;

const SUPPORTED = '.txt, .md, .html, .htm, .jsonl, .jsonl.gz';

export function formatOf(file: string): DocumentFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.jsonl.gz')) return 'jsonl';
  if (lower.endsWith('.txt')) return 'txt';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'md';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  return null;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface FileEntry {
  file: string;
  /** Directory argument the file was found under; null when named directly. */
  root: string | null;
}

async function walk(dir: string, seen: Set<string>, out: string[]): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const s = await stat(full).catch(() => null);
      isDir = s?.isDirectory() ?? false;
      isFile = s?.isFile() ?? false;
    }
    if (isDir) await walk(full, seen, out);
    else if (isFile && formatOf(entry.name)) out.push(full);
  }
}

/**
 * The files `loadDocuments(paths)` reads, in its order (same failure modes for missing or unsupported named
 * paths). Directories are walked recursively (dot-files skipped, supported extensions only).
 */
export async function listInputFiles(paths: string[]): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  for (const p of paths) {
    const s = await stat(p).catch((error: NodeJS.ErrnoException) => {
      throw new AppError('INPUT_UNREADABLE', `Cannot read input "${p}": ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`, {
        hint: 'Check the path (relative paths are resolved from the current directory).',
        cause: error,
      });
    });
    if (s.isDirectory()) {
      const files: string[] = [];
      await walk(p, new Set(), files);
      for (const file of files) entries.push({ file, root: p });
    } else if (s.isFile()) {
      if (!formatOf(p)) {
        throw new AppError('INPUT_UNREADABLE', `Unsupported input file "${p}"`, {
          hint: `Supported formats: ${SUPPORTED}.`,
        });
      }
      entries.push({ file: p, root: null });
    } else {
      throw new AppError('INPUT_UNREADABLE', `Input "${p}" is neither a file nor a directory`, {
        hint: `Pass files (${SUPPORTED}) or directories containing them.`,
      });
    }
  }
  return entries;
}

/** Unique ids within one run. */
class IdRegistry {
  private readonly used = new Set<string>();
  claim(candidates: string[]): string {
    for (const c of candidates) {
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
    const base = candidates[candidates.length - 1]!;
    for (let n = 2; ; n++) {
      const c = `${base}~${n}`;
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
  }
  has(id: string): boolean {
    return this.used.has(id);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why the bytes are not text, or null: NUL bytes anywhere, or mostly control characters in the first 64 KB. */
function binaryReason(bytes: Uint8Array): string | null {
  if (bytes.indexOf(0) >= 0) return 'contains NUL bytes';
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (n > 0 && control / n > 0.05) return 'mostly non-text bytes';
  return null;
}

/** The UTF-16 encoding a byte order mark announces, or null. */
function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The text of a whole file, or why it is not text. UTF-8 (BOM optional), or UTF-16 LE/BE when the file starts with
 * its byte order mark; a NUL character anywhere, invalid UTF-8/UTF-16 or mostly control characters → `reason`.
 * The text is NFC + canonical tone placement, "\n" line ends, no BOM.
 */
export function decodeTextBytes(bytes: Uint8Array): { text: string; reason?: undefined } | { text?: undefined; reason: string } {
  const bom = utf16Bom(bytes);
  let text: string;
  if (bom) {
    try {
      text = new TextDecoder(bom, { fatal: true }).decode(bytes);
    } catch {
      return { reason: `is not valid ${bom.toUpperCase()}` };
    }
    if (text.includes('\u0000')) return { reason: 'looks binary (contains NUL characters)' };
  } else {
    const why = binaryReason(bytes);
    if (why) return { reason: `looks binary (${why})` };
    try {
      text = utf8.decode(bytes);
    } catch {
      return { reason: 'is not valid UTF-8' };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: normalizeText(text.replace(/\r\n?/g, '\n')) };
}

// ---------------------------------------------------------------------------------------------
// HTML

const DROP_TAGS = new Set([
  'script', 'style', 'nav', 'header', 'footer', 'aside', 'form', 'noscript', 'iframe', 'svg',
  'button', 'template', 'select', 'textarea', 'figure', 'figcaption', 'canvas', 'video', 'audio', 'object',
]);
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol',
  'blockquote', 'table', 'tr', 'td', 'th', 'pre', 'dd', 'dt', 'dl', 'body', 'center', 'address', 'hr', 'br',
]);

/**
 * What extractHtml looks up in a page, found in one iterative pass in document order (node-html-parser's
 * querySelector recurses once per level and overflows the stack on pages nested ~10,000 levels deep).
 */
interface PageIndex {
  /** `${attribute}=${value}` of meta elements (property, name, itemprop) → the first such element. */
  meta: Map<string, HTMLElement>;
  /** The first element of each kind: 'article', 'main', 'body', 'h1', 'title', 'time' (with datetime), 'canonical', 'articleBody'. */
  first: Map<string, HTMLElement>;
}

function indexPage(root: HTMLElement): PageIndex {
  const index: PageIndex = { meta: new Map(), first: new Map() };
  const setFirst = (key: string, el: HTMLElement) => {
    if (!index.first.has(key)) index.first.set(key, el);
  };
  const stack: HtmlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType !== 1) continue;
    const el = n as HTMLElement;
    const tag = el.rawTagName?.toLowerCase() ?? '';
    if (tag === 'meta') {
      for (const attr of ['property', 'name', 'itemprop']) {
        const v = el.getAttribute(attr);
        if (v !== undefined && !index.meta.has(`${attr}=${v}`)) index.meta.set(`${attr}=${v}`, el);
      }
    } else if (tag === 'article' || tag === 'main' || tag === 'body' || tag === 'h1' || tag === 'title') setFirst(tag, el);
    else if (tag === 'time' && el.hasAttribute('datetime')) setFirst('time', el);
    else if (tag === 'link' && el.getAttribute('rel') === 'canonical') setFirst('canonical', el);
    if (el.getAttribute('itemprop') === 'articleBody') setFirst('articleBody', el);
    for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push(el.childNodes[i]!);
  }
  return index;
}

function meta(page: PageIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = page.meta.get(`property=${key}`) ?? page.meta.get(`name=${key}`) ?? page.meta.get(`itemprop=${key}`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

/**
 * The text of `node` (entities decoded, <br> as "\n"), like node-html-parser's `.text` but iterative: a page nested
 * thousands of levels deep must not exhaust the call stack.
 */
function textOf(node: HtmlNode): string {
  let text = '';
  const stack: HtmlNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === 3) text += n.text;
    else if (n.nodeType === 1) {
      if ((n as HTMLElement).rawTagName?.toLowerCase() === 'br') text += '\n';
      else for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
    }
  }
  return text;
}

/**
 * Paragraphs of `root`: the text of each block element (BLOCK_TAGS) as one string, without DROP_TAGS and hidden
 * navigation. Iterative (explicit stack), so the depth of the page does not matter.
 */
function collectBlocks(root: HtmlNode): string[] {
  const out: string[] = [];
  let buffer = '';
  const flush = () => {
    const t = buffer.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
    buffer = '';
  };
  // null: the end of a block element (flush its text).
  const stack: Array<HtmlNode | null> = [];
  const pushChildren = (n: HtmlNode) => {
    for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (child === null) {
      flush();
    } else if (child.nodeType === 3) {
      buffer += child.text;
    } else if (child.nodeType === 1) {
      const el = child as HTMLElement;
      const tag = el.rawTagName?.toLowerCase() ?? '';
      if (DROP_TAGS.has(tag)) continue;
      if (el.getAttribute('role') === 'navigation' || el.getAttribute('aria-hidden') === 'true') continue;
      if (BLOCK_TAGS.has(tag)) {
        flush();
        stack.push(null);
      }
      pushChildren(el);
    }
  }
  flush();
  return out;
}

export interface HtmlExtract {
  title: string | null;
  url: string | null;
  date: string | null;
  /** Paragraphs and headings, one per block, separated by "\n\n". */
  text: string;
}

/** Main text and metadata of an HTML page (see DROP_TAGS for what is removed). */
export function extractHtml(html: string): HtmlExtract {
  // Scripts and styles go first, an unclosed one to the end of the page as a browser reads it (the parser would
  // keep an unclosed script's code as text). One forward scan: each match ends at its close tag or the end.
  html = html.replace(/<(script|style)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  const root = parseHtml(html, { comment: false, blockTextElements: { script: true, style: true, pre: true, noscript: true } });
  const clean = (s: string | null | undefined) => (s ? squashSpaces(s).replace(/\s+/g, ' ').trim() || null : null);
  const page = indexPage(root);
  const h1 = page.first.get('h1');
  const titleEl = page.first.get('title');
  const title = clean(meta(page, 'og:title', 'twitter:title')) ?? clean(h1 && textOf(h1)) ?? clean(titleEl && textOf(titleEl));
  const url = clean(meta(page, 'og:url')) ?? clean(page.first.get('canonical')?.getAttribute('href'));
  const date =
    clean(meta(page, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued')) ??
    clean(page.first.get('time')?.getAttribute('datetime'));
  const main = page.first.get('article') ?? page.first.get('articleBody') ?? page.first.get('main') ?? page.first.get('body') ?? root;
  return { title, url, date, text: collectBlocks(main).join('\n\n') };
}

// ---------------------------------------------------------------------------------------------
// Markdown (light): headings/emphasis/link syntax removed, soft-wrapped lines joined.

export function extractMarkdown(md: string): { title: string | null; text: string } {
  const lines = md.split('\n');
  let title: string | null = null;
  const paragraphs: string[] = [];
  let current: string[] = [];
  let inFence = false;
  const flush = () => {
    if (current.length) paragraphs.push(current.join(' '));
    current = [];
  };
  for (const raw of lines) {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      flush();
      continue;
    }
    if (inFence) continue;
    const line = raw
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/`([^`]*)`/g, '$1')
      .trim();
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      if (title === null && line.startsWith('# ')) title = heading[1]!;
      else if (heading[1]) paragraphs.push(heading[1]);
      continue;
    }
    if (line === '' || /^([-*_]\s*){3,}$/.test(line)) {
      flush();
      continue;
    }
    if (/^([-*+]|\d+[.)])\s+/.test(line) || /^>/.test(line)) {
      flush();
      current.push(line.replace(/^>\s?/, ''));
      continue;
    }
    current.push(line);
  }
  flush();
  return { title, text: paragraphs.join('\n\n') };
}

// ---------------------------------------------------------------------------------------------
// JSON Lines streaming

/** A .jsonl.gz may decompress to at most this many times its own size (JSON text compresses 3–10×; a bomb, 1000×)… */
export const MAX_GZIP_RATIO = 100;
/** …and always to this many bytes, whatever its size (a small file of repetitive records may compress better). */
export const MIN_DECOMPRESSED_CAP_BYTES = 64 * 1024 * 1024;

/** How many bytes a .jsonl.gz of `compressedBytes` may decompress to before reading stops (see MAX_GZIP_RATIO). */
export function decompressedCap(compressedBytes: number): number {
  return Math.max(MIN_DECOMPRESSED_CAP_BYTES, compressedBytes * MAX_GZIP_RATIO);
}

const asString = (v: unknown): string | null =>
  typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : typeof v === 'number' ? String(v) : null;

/**
 * The documents of a JSON Lines file (plain or gzip), streamed: linear time (lines.ts), at most `maxBytes` per
 * record (enforced while reading), at most `decompressedCap` bytes out of a .gz. A file that cannot be read to its
 * end (corrupt or truncated .gz, a last line cut off mid-record, the cap) is reported `incomplete` with its line.
 */
async function* loadJsonl(
  entry: FileEntry,
  ids: IdRegistry,
  report: (p: IngestProblem) => void,
  limits: { maxBytes: number; maxChars: number; maxDecompressed: number | undefined },
): AsyncGenerator<RawDocument> {
  const { maxBytes, maxChars, maxDecompressed } = limits;
  const file = entry.file;
  const gzip = file.toLowerCase().endsWith('.gz');
  let compressedBytes = 0;
  try {
    const fh = await open(file, 'r');
    try {
      compressedBytes = (await fh.stat()).size;
      if (gzip) {
        const head = Buffer.alloc(2);
        await fh.read(head, 0, 2, 0);
        if (head[0] !== 0x1f || head[1] !== 0x8b) {
          const message = `"${file}" is not a gzip file`;
          if (entry.root === null) throw new AppError('INPUT_BINARY', message, { hint: 'Decompress it, or give it the .jsonl extension if it is plain JSON Lines.' });
          report({ code: 'INPUT_BINARY', path: file, message });
          return;
        }
      }
    } finally {
      await fh.close();
    }
  } catch (error) {
    if (AppError.isInstance(error)) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') report({ code: 'INPUT_UNREADABLE', path: file, message: `"${file}" disappeared while the inputs were read; skipped` });
    else report({ code: 'INPUT_UNREADABLE', path: file, incomplete: true, message: `Cannot read "${file}": ${e.message}; its previous articles are kept` });
    return;
  }
  const cap = gzip ? (maxDecompressed ?? decompressedCap(compressedBytes)) : Number.POSITIVE_INFINITY;
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  const source = gzip ? stream.pipe(createGunzip({ chunkSize: 64 * 1024 })) : stream;
  stream.on('error', (e) => source.destroy(e));
  const splitter = new LineSplitter(maxBytes);
  const events: LineEvent[] = [];
  let lineNo = 0;
  let records = 0;
  let total = 0;

  /** One line → a document, or null (a problem was reported). */
  const toDocument = (event: LineEvent): RawDocument | null => {
    lineNo = event.line;
    const problem = (message: string, code: IngestProblem['code'] = 'INPUT_UNREADABLE') =>
      report({ code, path: file, line: lineNo, message: `${file}:${lineNo}: ${message}` });
    if (event.kind === 'overlong') {
      problem(`record longer than the ${maxBytes}-byte limit; skipped`, 'INPUT_TOO_LARGE');
      return null;
    }
    const bytes = event.bytes;
    if (bytes.length < 4 && bytes.toString('latin1').trim() === '') return null;
    let line: string;
    try {
      line = utf8.decode(bytes);
    } catch {
      problem('invalid UTF-8; line skipped', 'INPUT_BINARY');
      return null;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      if (event.unterminated) {
        report({
          code: 'INPUT_UNREADABLE',
          path: file,
          line: lineNo,
          incomplete: true,
          message: `${file}:${lineNo}: the file ends in the middle of a record (cut off, or still being copied?); its previous articles are kept`,
        });
      } else {
        problem(`not valid JSON (${(error as Error).message}); line skipped`);
      }
      return null;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problem('not a JSON object; line skipped');
      return null;
    }
    const r = record as Record<string, unknown>;
    const id = asString(r.id);
    const text = typeof r.text === 'string' ? r.text : null;
    if (!id || text === null) {
      problem(`missing ${!id ? '"id"' : '"text"'}; line skipped`);
      return null;
    }
    if (text.trim() === '') {
      problem(`record "${id}" has empty text; skipped`, 'INPUT_EMPTY');
      return null;
    }
    if (text.length > maxChars) {
      problem(tooLong(`record "${id}"`, text.length, maxChars), 'INPUT_TOO_LARGE');
      return null;
    }
    let uniqueId = id;
    if (ids.has(id)) {
      uniqueId = ids.claim([id]);
      problem(`duplicate id "${id}"; renamed to "${uniqueId}"`);
    } else {
      ids.claim([id]);
    }
    const title = asString(r.title);
    records++;
    return {
      id: uniqueId,
      path: file,
      format: 'jsonl',
      title: title ? normalizeText(title) : null,
      url: asString(r.url),
      date: asString(r.date),
      text: normalizeText(text.replace(/\r\n?/g, '\n')),
      contentHash: sha256(bytes),
    };
  };

  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) {
        report({
          code: 'INPUT_TOO_LARGE',
          path: file,
          line: splitter.currentLine,
          incomplete: true,
          message:
            `${file}:${splitter.currentLine}: reading stopped after ${cap} decompressed bytes ` +
            `(${MAX_GZIP_RATIO}× its ${compressedBytes}-byte size, at least ${MIN_DECOMPRESSED_CAP_BYTES}): not JSON Lines text, or a gzip bomb; ` +
            `the records before were read, its previous articles are kept`,
        });
        return;
      }
      splitter.push(chunk, events);
      for (const event of events) {
        const doc = toDocument(event);
        if (doc) yield doc;
      }
      events.length = 0;
    }
    splitter.end(events);
    for (const event of events) {
      const doc = toDocument(event);
      if (doc) yield doc;
    }
  } catch (error) {
    if (AppError.isInstance(error)) throw error;
    const at = splitter.currentLine;
    const message = `Cannot read "${file}" at line ${at}: ${(error as Error).message}`;
    if (entry.root === null && records === 0) throw new AppError('INPUT_BINARY', message, { hint: 'The file is corrupt or not gzip/JSON Lines.', cause: error });
    report({ code: 'INPUT_UNREADABLE', path: file, line: at, incomplete: true, message: `${message} (truncated or corrupt?); the records before were read, its previous articles are kept` });
    return;
  } finally {
    stream.destroy();
  }
  if (total === 0) report({ code: 'INPUT_EMPTY', path: file, message: `"${file}" is empty; skipped` });
}

// ---------------------------------------------------------------------------------------------

const tooLong = (what: string, chars: number, max: number) =>
  `${what} has ${chars} characters of text, over the ${max}-character limit of one article; skipped (split it into articles)`;

function idCandidates(entry: FileEntry): string[] {
  const base = path.basename(entry.file);
  const rel = entry.root !== null ? path.relative(entry.root, entry.file) : path.relative(process.cwd(), entry.file);
  return [base, rel.split(path.sep).join('/')];
}

/** Load documents from files and directories (see module contract). */
export async function* loadDocuments(paths: string[], options: LoadOptions = {}): AsyncGenerator<RawDocument> {
  const report = options.onProblem ?? (() => {});
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxChars = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  const entries = options.entries ?? (await listInputFiles(paths));
  const ids = new IdRegistry();
  for (const id of options.reservedIds ?? []) ids.claim([id]);

  for (const entry of entries) {
    if (options.skipFile?.(entry.file)) continue;
    const format = formatOf(entry.file)!;
    const named = entry.root === null;
    if (format === 'jsonl') {
      yield* loadJsonl(entry, ids, report, { maxBytes, maxChars, maxDecompressed: options.maxDecompressedBytes });
      continue;
    }
    let bytes: Buffer;
    try {
      const size = (await stat(entry.file)).size;
      if (size > maxBytes) {
        report({ code: 'INPUT_TOO_LARGE', path: entry.file, message: `"${entry.file}" is ${size} bytes, over the ${maxBytes}-byte limit; skipped` });
        continue;
      }
      bytes = await readFile(entry.file);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') {
        report({ code: 'INPUT_UNREADABLE', path: entry.file, message: `"${entry.file}" disappeared while the inputs were read; skipped` });
      } else {
        report({ code: 'INPUT_UNREADABLE', path: entry.file, incomplete: true, message: `Cannot read "${entry.file}": ${e.message}; its previous articles are kept` });
      }
      continue;
    }
    const decoded = decodeTextBytes(bytes);
    if (decoded.reason !== undefined) {
      const message = `"${entry.file}" ${decoded.reason}; not a text document`;
      if (named) throw new AppError('INPUT_BINARY', message, { hint: `Pass UTF-8 (or UTF-16 with a byte order mark) text files (${SUPPORTED}).` });
      report({ code: 'INPUT_BINARY', path: entry.file, message });
      continue;
    }
    let text = decoded.text;
    let title: string | null = null;
    let url: string | null = null;
    let date: string | null = null;
    try {
      if (format === 'html') {
        const extracted = extractHtml(text);
        ({ title, url, date } = extracted);
        text = normalizeText(extracted.text);
        if (title) title = normalizeText(title);
      } else if (format === 'md') {
        const extracted = extractMarkdown(text);
        title = extracted.title;
        text = extracted.text;
      }
    } catch (error) {
      // One page the parser cannot take (pathological nesting, a library limit) is skipped; the others are read.
      report({ code: 'INPUT_UNREADABLE', path: entry.file, message: `"${entry.file}" could not be parsed as ${format.toUpperCase()} (${(error as Error).message}); skipped` });
      continue;
    }
    if (text.trim() === '') {
      report({ code: 'INPUT_EMPTY', path: entry.file, message: `"${entry.file}" has no text; skipped` });
      continue;
    }
    if (text.length > maxChars) {
      report({ code: 'INPUT_TOO_LARGE', path: entry.file, message: tooLong(`"${entry.file}"`, text.length, maxChars) });
      continue;
    }
    yield {
      id: ids.claim(idCandidates(entry)),
      path: entry.file,
      format,
      title,
      url,
      date,
      text,
      contentHash: sha256(bytes),
    };
  }
}
