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
 *   extension → AppError INPUT_UNREADABLE (thrown before anything is yielded). A binary or invalid
 *   UTF-8 file → AppError INPUT_BINARY when named directly, else an `onProblem` report and skip.
 *   Empty files and files over `maxFileBytes` → reported and skipped (named or not). Inside
 *   directories, unsupported extensions are ignored silently. A bad JSON Lines line (not JSON,
 *   no id/text, invalid UTF-8, over maxFileBytes) → reported with its 1-based line number, skipped.
 *   `maxFileBytes` limits whole-file formats and single JSON Lines records, not streamed files.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { parse as parseHtml, type HTMLElement, type Node as HtmlNode } from 'node-html-parser';
import { AppError, type ErrorCode } from '../errors.js';
import { normalizeText, squashSpaces } from '../text/normalize.js';

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
}

export interface LoadOptions {
  onProblem?: (problem: IngestProblem) => void;
  /** Default 20 MB. */
  maxFileBytes?: number;
  /** Files (as listed by `listInputFiles`) not to read: their documents are known to the caller. */
  skipFile?: (file: string) => boolean;
  /** Ids already taken (by the documents of skipped files): new documents never get them. */
  reservedIds?: Iterable<string>;
  /** `listInputFiles(paths)` when the caller already has it: the paths are not walked again. */
  entries?: readonly FileEntry[];
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

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

/** Why the bytes are not text, or null. Looks at NUL bytes and control characters in the first 64 KB. */
function binaryReason(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return 'contains NUL bytes';
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  if (n > 0 && control / n > 0.05) return 'mostly non-text bytes';
  return null;
}

/** UTF-8 decode (fatal), strip BOM, "\r\n" → "\n", normalizeText. Throws TypeError on invalid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  let text = utf8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return normalizeText(text.replace(/\r\n?/g, '\n'));
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

function meta(root: HTMLElement, ...keys: string[]): string | null {
  for (const key of keys) {
    const el =
      root.querySelector(`meta[property="${key}"]`) ??
      root.querySelector(`meta[name="${key}"]`) ??
      root.querySelector(`meta[itemprop="${key}"]`);
    const value = el?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return null;
}

function collectBlocks(node: HtmlNode, out: string[], buffer: { text: string }): void {
  const flush = () => {
    const t = buffer.text.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
    buffer.text = '';
  };
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      buffer.text += child.text;
    } else if (child.nodeType === 1) {
      const el = child as HTMLElement;
      const tag = el.rawTagName?.toLowerCase() ?? '';
      if (DROP_TAGS.has(tag)) continue;
      if (el.getAttribute('role') === 'navigation' || el.getAttribute('aria-hidden') === 'true') continue;
      if (BLOCK_TAGS.has(tag)) {
        flush();
        collectBlocks(el, out, buffer);
        flush();
      } else {
        collectBlocks(el, out, buffer);
      }
    }
  }
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
  const root = parseHtml(html, { comment: false, blockTextElements: { script: true, style: true, pre: true, noscript: true } });
  const clean = (s: string | null | undefined) => (s ? squashSpaces(s).replace(/\s+/g, ' ').trim() || null : null);
  const h1 = root.querySelector('h1');
  const title =
    clean(meta(root, 'og:title', 'twitter:title')) ?? clean(h1?.text) ?? clean(root.querySelector('title')?.text);
  const url =
    clean(meta(root, 'og:url')) ?? clean(root.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const date =
    clean(meta(root, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued')) ??
    clean(root.querySelector('time[datetime]')?.getAttribute('datetime'));
  const main =
    root.querySelector('article') ??
    root.querySelector('[itemprop="articleBody"]') ??
    root.querySelector('main') ??
    root.querySelector('body') ??
    root;
  const blocks: string[] = [];
  collectBlocks(main, blocks, { text: '' });
  return { title, url, date, text: blocks.join('\n\n') };
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

async function* byteLines(file: string, gzip: boolean): AsyncGenerator<Buffer> {
  const stream = createReadStream(file);
  const source = gzip ? stream.pipe(createGunzip()) : stream;
  stream.on('error', (e) => source.destroy(e));
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of source as AsyncIterable<Buffer>) {
    const data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
      yield data.subarray(start, nl > start && data[nl - 1] === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    rest = Buffer.from(data.subarray(start));
  }
  if (rest.length) yield rest;
}

const asString = (v: unknown): string | null =>
  typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : typeof v === 'number' ? String(v) : null;

async function* loadJsonl(
  entry: FileEntry,
  ids: IdRegistry,
  report: (p: IngestProblem) => void,
  maxBytes: number,
): AsyncGenerator<RawDocument> {
  const file = entry.file;
  const gzip = file.toLowerCase().endsWith('.gz');
  if (gzip) {
    const fh = await open(file, 'r');
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    await fh.close();
    if (head[0] !== 0x1f || head[1] !== 0x8b) {
      const message = `"${file}" is not a gzip file`;
      if (entry.root === null) throw new AppError('INPUT_BINARY', message, { hint: 'Decompress it, or give it the .jsonl extension if it is plain JSON Lines.' });
      report({ code: 'INPUT_BINARY', path: file, message });
      return;
    }
  }
  let lineNo = 0;
  let records = 0;
  try {
    for await (const bytes of byteLines(file, gzip)) {
      lineNo++;
      const problem = (message: string, code: IngestProblem['code'] = 'INPUT_UNREADABLE') =>
        report({ code, path: file, line: lineNo, message: `${file}:${lineNo}: ${message}` });
      if (bytes.length === 0 || (bytes.length < 4 && bytes.toString('latin1').trim() === '')) continue;
      if (bytes.length > maxBytes) {
        problem(`record of ${bytes.length} bytes exceeds the ${maxBytes}-byte limit; skipped`, 'INPUT_TOO_LARGE');
        continue;
      }
      let line: string;
      try {
        line = utf8.decode(bytes);
      } catch {
        problem('invalid UTF-8; line skipped', 'INPUT_BINARY');
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        problem(`not valid JSON (${(error as Error).message}); line skipped`);
        continue;
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        problem('not a JSON object; line skipped');
        continue;
      }
      const r = record as Record<string, unknown>;
      const id = asString(r.id);
      const text = typeof r.text === 'string' ? r.text : null;
      if (!id || text === null) {
        problem(`missing ${!id ? '"id"' : '"text"'}; line skipped`);
        continue;
      }
      if (text.trim() === '') {
        problem(`record "${id}" has empty text; skipped`, 'INPUT_EMPTY');
        continue;
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
      yield {
        id: uniqueId,
        path: file,
        format: 'jsonl',
        title: title ? normalizeText(title) : null,
        url: asString(r.url),
        date: asString(r.date),
        text: normalizeText(text.replace(/\r\n?/g, '\n')),
        contentHash: sha256(bytes),
      };
    }
  } catch (error) {
    if (AppError.isInstance(error)) throw error;
    const message = `Cannot read "${file}" after line ${lineNo}: ${(error as Error).message}`;
    if (entry.root === null && records === 0) throw new AppError('INPUT_BINARY', message, { hint: 'The file is corrupt or not gzip/JSON Lines.', cause: error });
    report({ code: 'INPUT_UNREADABLE', path: file, line: lineNo, message });
    return;
  }
  if (lineNo === 0) report({ code: 'INPUT_EMPTY', path: file, message: `"${file}" is empty; skipped` });
}

// ---------------------------------------------------------------------------------------------

function idCandidates(entry: FileEntry): string[] {
  const base = path.basename(entry.file);
  const rel = entry.root !== null ? path.relative(entry.root, entry.file) : path.relative(process.cwd(), entry.file);
  return [base, rel.split(path.sep).join('/')];
}

/** Load documents from files and directories (see module contract). */
export async function* loadDocuments(paths: string[], options: LoadOptions = {}): AsyncGenerator<RawDocument> {
  const report = options.onProblem ?? (() => {});
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const entries = options.entries ?? (await listInputFiles(paths));
  const ids = new IdRegistry();
  for (const id of options.reservedIds ?? []) ids.claim([id]);

  for (const entry of entries) {
    if (options.skipFile?.(entry.file)) continue;
    const format = formatOf(entry.file)!;
    const named = entry.root === null;
    if (format === 'jsonl') {
      yield* loadJsonl(entry, ids, report, maxBytes);
      continue;
    }
    const size = (await stat(entry.file)).size;
    if (size > maxBytes) {
      report({ code: 'INPUT_TOO_LARGE', path: entry.file, message: `"${entry.file}" is ${size} bytes, over the ${maxBytes}-byte limit; skipped` });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(entry.file);
    } catch (error) {
      const message = `Cannot read "${entry.file}": ${(error as Error).message}`;
      if (named) throw new AppError('INPUT_UNREADABLE', message, { hint: 'Check the file permissions.', cause: error });
      report({ code: 'INPUT_UNREADABLE', path: entry.file, message });
      continue;
    }
    let text: string | null = null;
    let why = binaryReason(bytes);
    if (!why) {
      try {
        text = decodeText(bytes);
      } catch {
        why = 'is not valid UTF-8';
      }
    }
    if (why || text === null) {
      const message = `"${entry.file}" ${why?.startsWith('is') ? why : `looks binary (${why})`}; not a text document`;
      if (named) throw new AppError('INPUT_BINARY', message, { hint: `Pass UTF-8 text files (${SUPPORTED}).` });
      report({ code: 'INPUT_BINARY', path: entry.file, message });
      continue;
    }
    let title: string | null = null;
    let url: string | null = null;
    let date: string | null = null;
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
    if (text.trim() === '') {
      report({ code: 'INPUT_EMPTY', path: entry.file, message: `"${entry.file}" has no text; skipped` });
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
