/**
 * `npm run bench -- --scale [FACTORS]`: the corpus at several sizes (default 1×, 2×, 5×, 10×), each cold-ingested
 * into a fresh index and answered, to show how ingest time, index size, memory and latency grow.
 *
 * Contracts:
 * - The k× corpus is the 1× corpus (the bundled articles + every corpus given, as the bench reads them) plus k − 1
 *   synthetic copies of every article (`scaledCopy`): copy c (1 … k − 1) has the id "<id>~<c>", every year
 *   1950–2099 in its title, text and date moved c years later, and every printed meeting or congress number
 *   ("lần thứ 18") moved up by SCALE_NUMBER_STEP × c. So copies are new, distinct reports of the same units with
 *   real text: the vocabulary stays that of the real corpora while every term's document frequency grows k-fold,
 *   which is what a larger collection of the same kind of reports does to the index. They are written as gzipped
 *   JSON Lines in a temp folder (at most SCALE_FILE_RECORDS records per file) and removed afterwards.
 * - Per size, each in its own child process (child.ts): cold ingest (wall, CPU, peak RSS), index size on disk (the
 *   live generation's files), then the answer job over the bench questions (p50/p95, peak RSS, open time). Rows
 *   are printed as they finish; the report JSON goes to bench/reports/scale-*.json.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { renderTable } from '../eval/metrics.js';
import { loadDocuments, type RawDocument } from '../ingest/load.js';
import { currentGeneration } from '../index/store.js';
import type { BenchJob } from './child.js';
import type { BenchQuestion } from './inputs.js';
import { fmt, percentiles, type Percentiles } from './stats.js';

export const DEFAULT_SCALE_FACTORS = [1, 2, 5, 10] as const;
/** A copy's printed meeting numbers move up by this times the copy number. */
export const SCALE_NUMBER_STEP = 20;
/** Records per generated .jsonl.gz file. */
const SCALE_FILE_RECORDS = 20_000;

const YEAR = /(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d])/g;
const NUMBERED = /(lần thứ\s+)(\d{1,3})(?!\d)/giu;

/** Copy `copy` (≥ 1) of a document, as a JSON Lines record (see the module contract). */
export function scaledCopy(doc: Pick<RawDocument, 'id' | 'title' | 'url' | 'date' | 'text'>, copy: number): Record<string, string | null> {
  const shift = (s: string) =>
    s.replace(YEAR, (y) => String(Number(y) + copy)).replace(NUMBERED, (_m, lead: string, n: string) => `${lead}${Number(n) + SCALE_NUMBER_STEP * copy}`);
  return {
    id: `${doc.id}~${copy}`,
    title: doc.title === null ? null : shift(doc.title),
    url: doc.url,
    date: doc.date === null ? null : shift(doc.date),
    text: shift(doc.text),
  };
}

/** Writes the k× corpus of `sources` into `dir` as .jsonl.gz files; returns the number of records. */
export async function writeScaledCorpus(sources: string[], factor: number, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let records = 0;
  let file = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (lines.length === 0) return;
    const out = path.join(dir, `scaled-${String(file++).padStart(3, '0')}.jsonl.gz`);
    const body = lines;
    lines = [];
    await pipeline(Readable.from(body.map((l) => `${l}\n`)), createGzip({ level: 1 }), createWriteStream(out));
  };
  for await (const doc of loadDocuments(sources)) {
    for (let c = 0; c < factor; c++) {
      const record = c === 0 ? { id: doc.id, title: doc.title, url: doc.url, date: doc.date, text: doc.text } : scaledCopy(doc, c);
      lines.push(JSON.stringify(record));
      records++;
      if (lines.length >= SCALE_FILE_RECORDS) await flush();
    }
  }
  await flush();
  return records;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
  return total;
}

export interface ScaleRow {
  factor: number;
  articles: number;
  passages: number;
  ingestMs: number;
  ingestCpuMs: number;
  ingestPeakRssMb: number;
  indexMb: number;
  openMs: number;
  answerPeakRssMb: number;
  latency: Percentiles;
}

export interface ScaleOptions {
  sources: string[];
  factors: number[];
  questions: BenchQuestion[];
  outDir: string;
  log: (line: string) => void;
  /** Runs a child job (run.ts `child`). */
  run: <T>(job: BenchJob, name: string) => Promise<T & { wallMs: number }>;
}

export function formatScale(rows: ScaleRow[]): string {
  const base = rows[0];
  const growth = (x: number, b: number | undefined) => (b ? ` (${fmt(x / b, 1)}×)` : '');
  return renderTable(
    ['size', 'articles / passages', 'cold ingest (CPU)', 'index on disk', 'peak RSS ingest / answer', 'answer p50 / p95', 'open'],
    rows.map((r) => [
      `${r.factor}×`,
      `${r.articles} / ${r.passages}`,
      `${fmt(r.ingestMs / 1000)} s (${fmt(r.ingestCpuMs / 1000)} s)${growth(r.ingestMs, base?.ingestMs)}`,
      `${fmt(r.indexMb, 0)} MB${growth(r.indexMb, base?.indexMb)}`,
      `${fmt(r.ingestPeakRssMb, 0)} / ${fmt(r.answerPeakRssMb, 0)} MB`,
      `${fmt(r.latency.p50)} / ${fmt(r.latency.p95)} ms`,
      `${fmt(r.openMs, 0)} ms`,
    ]),
  );
}

export async function runScale(o: ScaleOptions): Promise<ScaleRow[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'dangbo-scale-'));
  const rows: ScaleRow[] = [];
  const startedAt = new Date().toISOString();
  const loadStart = loadavg();
  try {
    for (const factor of o.factors) {
      const corpus = path.join(work, `corpus-${factor}`);
      const indexDir = path.join(work, `index-${factor}`);
      o.log(`${factor}×: writing the corpus …`);
      const records = await writeScaledCorpus(o.sources, factor, corpus);
      o.log(`${factor}×: ${records} articles; cold ingest …`);
      const ing = await o.run<{ summary: { articles: number; chunks: number }; ms: number; cpuMs: number; peakRssMb: number }>(
        { kind: 'ingest', paths: [corpus], indexDir },
        `scale-${factor}-ingest`,
      );
      const gen = await currentGeneration(indexDir);
      const indexMb = gen ? (await dirBytes(gen)) / 1048576 : NaN;
      o.log(`${factor}×: answers …`);
      const ans = await o.run<{ answerMs: number[]; openMs: number; peakRssMb: number }>(
        { kind: 'answer', indexDir, questions: o.questions, warmup: 50 },
        `scale-${factor}-answers`,
      );
      const row: ScaleRow = {
        factor,
        articles: ing.summary.articles,
        passages: ing.summary.chunks,
        ingestMs: ing.ms,
        ingestCpuMs: ing.cpuMs,
        ingestPeakRssMb: ing.peakRssMb,
        indexMb,
        openMs: ans.openMs,
        answerPeakRssMb: ans.peakRssMb,
        latency: percentiles(ans.answerMs),
      };
      rows.push(row);
      o.log(formatScale(rows));
      await rm(corpus, { recursive: true, force: true });
      await rm(indexDir, { recursive: true, force: true });
    }
    await mkdir(o.outDir, { recursive: true });
    const file = path.join(o.outDir, `scale-${startedAt.replace(/[:.]/g, '-')}.json`);
    const machine = { cpus: availableParallelism(), loadAverageAtStart: loadStart, loadAverageAtEnd: loadavg(), node: process.version };
    await writeFile(file, JSON.stringify({ startedAt, machine, sources: o.sources, questions: o.questions.length, rows }, null, 2));
    o.log(`\nReport: ${path.relative(process.cwd(), file)}`);
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
