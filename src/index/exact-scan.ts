/**
 * Exact inner-product scan over a dimension-major float32 matrix, in WebAssembly SIMD (plain JS fallback).
 *
 * Why: hashed embeddings (the local embedder) are near-isotropic, where HNSW recall is poor (measured at
 * 115k chunks × 384 dims: recall@10 0.39 at ef=100, 0.61 at ef=400, build 95 s CPU), but their query vectors
 * are sparse (≈25 non-zero dimensions of 384 for a question). A dimension-major layout lets an exact scan touch
 * only the query's non-zero dimensions: cost ∝ rows × nnz(query) — ≈1 ms at 115k rows in SIMD.
 *
 * Contracts:
 * - The matrix holds `rows` vectors of `dimensions` float32 components; column d (the d-th component of every
 *   row) is contiguous. Rows are expected to be L2-normalised, so scores are cosine similarities × |query|.
 * - `scores(query)` returns a view of an internal buffer (length `rows`): valid until the next call.
 * - `dotRow` computes one row's score without a full scan (for small filtered sets).
 * - Memory: rows × dimensions × 4 bytes (+ one row-length accumulator), allocated once in `create`.
 * - Failure modes: more than 4 GiB of matrix → RangeError (WebAssembly memory limit) — the caller then falls
 *   back to HNSW by configuration (VECTOR_EXACT_MAX).
 */

/** Unsigned LEB128. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

/**
 * The module, hand-assembled (there is no WebAssembly toolchain among the dependencies). In text format:
 *
 *   (module
 *     (import "env" "memory" (memory 1))
 *     (func (export "axpy") (param $acc i32) (param $col i32) (param $n i32) (param $w f32)
 *       (local $end i32) (local $wv v128)
 *       (local.set $wv (f32x4.splat (local.get $w)))
 *       (local.set $end (i32.add (local.get $acc) (i32.shl (local.get $n) (i32.const 2))))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $acc) (local.get $end)))
 *         (v128.store (local.get $acc)
 *           (f32x4.add (v128.load (local.get $acc)) (f32x4.mul (v128.load (local.get $col)) (local.get $wv))))
 *         (local.set $acc (i32.add (local.get $acc) (i32.const 16)))
 *         (local.set $col (i32.add (local.get $col) (i32.const 16)))
 *         (br 0)))))
 *
 * acc[i] += w · col[i] for i < n, 4 lanes at a time: `n` must be a multiple of 4 and both pointers 16-byte aligned.
 */
function axpyModule(): Uint8Array {
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const memarg = [4, 0]; // align 2^4, offset 0
  const body = [
    ...[0x02, 0x01, 0x7f, 0x01, 0x7b], // locals: 1 × i32 ($end = 4), 1 × v128 ($wv = 5)
    ...get(3), 0xfd, 0x13, ...set(5), // f32x4.splat
    ...get(0), ...get(2), 0x41, 2, 0x74, 0x6a, ...set(4), // end = acc + (n << 2)
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...get(0), ...get(4), 0x4f, 0x0d, 1, // br_if 1 (acc >= end)
    ...get(0), // store address
    ...get(0), 0xfd, 0x00, ...memarg, // v128.load acc
    ...get(1), 0xfd, 0x00, ...memarg, // v128.load col
    ...get(5), 0xfd, 0xe6, 0x01, // f32x4.mul
    0xfd, 0xe4, 0x01, // f32x4.add
    0xfd, 0x0b, ...memarg, // v128.store
    ...get(0), 0x41, 16, 0x6a, ...set(0),
    ...get(1), 0x41, 16, 0x6a, ...set(1),
    0x0c, 0, 0x0b, 0x0b, 0x0b, // br 0, end loop, end block, end func
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7d, 0]), // (i32, i32, i32, f32) -> ()
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('axpy'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

type Axpy = (acc: number, col: number, n: number, w: number) => void;

/** The part of the WebAssembly JS API used here (the project's type libraries do not declare its values). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;
function wasmModule(): object | null {
  if (compiled === undefined) {
    try {
      const bytes = axpyModule();
      compiled = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const PAGE = 65536;

export class ExactScanner {
  readonly rows: number;
  readonly dimensions: number;
  /** Column length in floats: rows rounded up to a multiple of 4 (SIMD lanes). */
  private readonly stride: number;
  private readonly memory: Float32Array;
  private readonly accOffset: number;
  private readonly axpy: Axpy | null;

  private constructor(rows: number, dimensions: number) {
    this.rows = rows;
    this.dimensions = dimensions;
    this.stride = Math.max(4, Math.ceil(rows / 4) * 4);
    const floats = this.stride * (dimensions + 1);
    const mod = wasmModule();
    if (mod && wasm) {
      const memory = new wasm.Memory({ initial: Math.ceil((floats * 4) / PAGE) });
      const instance = new wasm.Instance(mod, { env: { memory } });
      this.axpy = instance.exports.axpy as Axpy;
      this.memory = new Float32Array(memory.buffer, 0, floats);
    } else {
      this.axpy = null;
      this.memory = new Float32Array(floats);
    }
    this.accOffset = this.stride * dimensions;
  }

  /** An empty (all-zero) matrix; fill it with `column(d).set(...)`. */
  static create(rows: number, dimensions: number): ExactScanner {
    return new ExactScanner(rows, dimensions);
  }

  /** Writable view of column d (length `rows`). */
  column(d: number): Float32Array {
    return this.memory.subarray(d * this.stride, d * this.stride + this.rows);
  }

  /** Bytes of column d (a view of `column(d)`), for reading a dimension-major file straight in. */
  columnBytes(d: number): Uint8Array {
    const col = this.column(d);
    return new Uint8Array(col.buffer, col.byteOffset, col.byteLength);
  }

  /** Inner products of every row with `query` (a view, valid until the next call). */
  scores(query: ArrayLike<number>): Float32Array {
    const acc = this.memory.subarray(this.accOffset, this.accOffset + this.stride);
    acc.fill(0);
    for (let d = 0; d < this.dimensions; d++) {
      const w = query[d] ?? 0;
      if (w === 0) continue;
      const base = d * this.stride;
      if (this.axpy) {
        this.axpy(this.accOffset * 4, base * 4, this.stride, w);
      } else {
        const m = this.memory;
        for (let i = 0; i < this.stride; i++) acc[i] = acc[i]! + w * m[base + i]!;
      }
    }
    return acc.subarray(0, this.rows);
  }

  /** Inner product of one row with `query`, touching only the query's non-zero dimensions. */
  dotRow(row: number, query: ArrayLike<number>): number {
    let s = 0;
    for (let d = 0; d < this.dimensions; d++) {
      const w = query[d] ?? 0;
      if (w !== 0) s += w * this.memory[d * this.stride + row]!;
    }
    return s;
  }
}
