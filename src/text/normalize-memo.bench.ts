/**
 * Benchmark (not a test): memo strategies of normalize.ts on real text — a plain Map (cleared when full) vs
 * lru-cache's LRUCache (same bound) vs no memo, for `fold` of words (≤ FOLD_MEMO_MAX_LENGTH characters, the memoised
 * inputs) and for the tone move of open-syllable endings. Results and the decision: docs/tuning.md, "Caches".
 *
 *   npx tsx src/text/normalize-memo.bench.ts [FILE.txt | FILE.jsonl.gz]...   (default: data/articles, repeated)
 *
 * Prints ns per call (best of ROUNDS passes over the inputs, each with a fresh memo, after a warm-up pass) and each
 * memo's hit rate. Each variant runs in its own process (a call site shared by several variants would turn
 * megamorphic and slow the later ones), PROCESSES times in turn with the others (the machine is shared and noisy):
 * the best is kept. The bundled articles are repeated to MIN_WORDS words (and a quarter as many tone pairs).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { fold, memoFree } from './normalize.js';

const ROUNDS = 5;
const PROCESSES = 3;
/** The bundled articles are repeated until the inputs hold at least this many words. */
const MIN_WORDS = 2_000_000;
/** The bounds normalize.ts uses. */
const FOLD_MAX = 200_000;
const FOLD_MAX_LENGTH = 32;
const TONE_MAX = 10_000;

function texts(files: string[]): string[] {
  if (files.length === 0) {
    const dir = new URL('../../data/articles/', import.meta.url).pathname;
    return readdirSync(dir).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  }
  return files.flatMap((f) =>
    f.endsWith('.gz')
      ? gunzipSync(readFileSync(f))
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => String((JSON.parse(l) as { text?: unknown }).text ?? ''))
      : [readFileSync(f, 'utf8')],
  );
}

type Fn = (s: string) => unknown;

interface Store<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): unknown;
}

/** `compute` memoised in `store`, counting misses. */
function memo<V>(store: Store<V>, compute: (s: string) => V): { fn: (s: string) => V; misses: () => number } {
  let misses = 0;
  const fn = (s: string) => {
    let out = store.get(s);
    if (out === undefined) {
      misses++;
      out = compute(s);
      store.set(s, out);
    }
    return out;
  };
  return { fn, misses: () => misses };
}

/** A Map cleared when it reaches `max` entries (what normalize.ts had before lru-cache). */
function clearingMap<V>(max: number): Store<V> {
  const map = new Map<string, V>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (map.size >= max) map.clear();
      map.set(key, value);
    },
  };
}

/** Best ns per call of `fn` over `inputs` (a fresh `make()` per round, so each round starts cold). */
function time(inputs: string[], make: () => { fn: Fn; misses: () => number }): { ns: number; hitRate: number } {
  let best = Infinity;
  let hitRate = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const { fn, misses } = make();
    let sink = 0;
    const t0 = process.hrtime.bigint();
    for (const s of inputs) sink += (fn(s) as string | null)?.length ?? 0;
    const ns = Number(process.hrtime.bigint() - t0) / inputs.length;
    if (sink < 0) console.log(sink);
    if (round > 0) best = Math.min(best, ns);
    hitRate = misses() < 0 ? -1 : 1 - misses() / inputs.length;
  }
  return { ns: best, hitRate };
}

const variant = process.argv[2] === '--variant' ? process.argv[3]! : null;
const files = process.argv.slice(variant ? 4 : 2);
const corpus = texts(files);
const words0 = corpus.flatMap((t) => t.split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w.length > 0 && w.length <= FOLD_MAX_LENGTH));
const pairs0 = corpus.flatMap((t) => {
  const nfc = t.normalize('NFC');
  return [...nfc.matchAll(/([oOuU])(\p{L})(?![\p{L}\p{M}])/gu)].filter((m) => !/[qQ]/.test(nfc[m.index - 1] ?? '')).map((m) => m[1]! + m[2]!);
});
const repeat = files.length > 0 ? 1 : Math.ceil(MIN_WORDS / Math.max(1, words0.length));
const words = Array.from({ length: repeat }, () => words0).flat();
const pairs = Array.from({ length: Math.ceil(MIN_WORDS / 4 / Math.max(1, pairs0.length)) }, () => pairs0).flat();
if (!variant) console.log(`${corpus.length} texts, words × ${repeat}: ${words.length} words (${new Set(words0).size} distinct), ${pairs.length} tone pairs (${new Set(pairs0).size} distinct)`);

const none = (compute: Fn) => () => ({ fn: compute, misses: () => -1 });
const report = (name: string, r: { ns: number; hitRate: number }) =>
  console.log(`${name.padEnd(34)} ${r.ns.toFixed(1).padStart(7)} ns/call${r.hitRate < 0 ? '' : `  hit rate ${(r.hitRate * 100).toFixed(1)}%`}`);
const moveTone = (s: string) => memoFree.moveTone(s) ?? '';
const variants: Record<string, () => { ns: number; hitRate: number }> = {
  'fold: no memo': () => time(words, none(memoFree.fold)),
  'fold: Map memo (cleared at 200k)': () => time(words, () => memo(clearingMap<string>(FOLD_MAX), memoFree.fold)),
  'fold: LRUCache (max 200k)': () => time(words, () => memo(new LRUCache<string, string>({ max: FOLD_MAX }), memoFree.fold)),
  'fold: as shipped': () => time(words, none(fold)),
  'tone: no memo': () => time(pairs, none(moveTone)),
  'tone: Map memo (cleared at 10k)': () => time(pairs, () => memo(clearingMap<string>(TONE_MAX), moveTone)),
  'tone: LRUCache (max 10k)': () => time(pairs, () => memo(new LRUCache<string, string>({ max: TONE_MAX }), moveTone)),
};

if (variant) {
  process.stdout.write(JSON.stringify(variants[variant]!()));
} else {
  const best = new Map<string, { ns: number; hitRate: number }>();
  for (let p = 0; p < PROCESSES; p++) {
    for (const name of Object.keys(variants)) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--variant', name, ...files], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      const r = JSON.parse(child.stdout) as { ns: number; hitRate: number };
      const b = best.get(name);
      if (!b || r.ns < b.ns) best.set(name, r);
    }
  }
  for (const [name, r] of best) report(name, r);
}
