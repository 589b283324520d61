/**
 * Splitting a byte stream into lines, for JSON Lines files of any size.
 *
 * Contracts:
 * - Linear in the bytes pushed: each byte is looked at a constant number of times; a line's pieces are kept as
 *   views of the chunks they came in and joined once, when the line ends (never re-copied per chunk).
 * - A line longer than `maxLineBytes` is reported the moment it passes the limit (`overlong`, with the bytes seen so
 *   far), and its bytes are dropped as they arrive, up to its end: memory stays bounded by the limit plus a chunk.
 * - Line numbers are 1-based; "\r\n" ends a line like "\n" (the "\r" is dropped). Empty lines are counted, not
 *   returned (runs of blank lines cost one byte comparison each).
 * - `end` returns the last line when the input does not end with "\n", flagged `unterminated` (a file cut off
 *   mid-record looks like this).
 */

export type LineEvent =
  | { kind: 'line'; line: number; bytes: Buffer; unterminated?: boolean }
  | { kind: 'overlong'; line: number; bytesSoFar: number };

export class LineSplitter {
  /** Lines completed so far. */
  private lineNo = 0;
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;

  constructor(private readonly maxLineBytes: number) {}

  /** Number of the line being read (1-based). */
  get currentLine(): number {
    return this.lineNo + 1;
  }

  /** Splits `chunk`, appending complete lines (and overlong reports) to `out`. */
  push(chunk: Buffer, out: LineEvent[]): void {
    let start = 0;
    const n = chunk.length;
    while (start < n) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) {
        this.append(chunk.subarray(start), out);
        return;
      }
      if (nl > start) this.append(chunk.subarray(start, nl), out);
      this.finish(out, false);
      start = nl + 1;
      // Blank lines: count them without a call per line.
      while (start < n && chunk[start] === 10) {
        this.lineNo++;
        start++;
      }
    }
  }

  /** The last line, when the input did not end with a newline. */
  end(out: LineEvent[]): void {
    if (this.pendingBytes > 0 || this.skipping) this.finish(out, true);
  }

  private append(piece: Buffer, out: LineEvent[]): void {
    if (this.skipping) return;
    this.pendingBytes += piece.length;
    if (this.pendingBytes > this.maxLineBytes) {
      out.push({ kind: 'overlong', line: this.lineNo + 1, bytesSoFar: this.pendingBytes });
      this.pieces = [];
      this.skipping = true;
      return;
    }
    this.pieces.push(piece);
  }

  private finish(out: LineEvent[], unterminated: boolean): void {
    this.lineNo++;
    if (!this.skipping && this.pendingBytes > 0) {
      let bytes = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.pendingBytes);
      if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
      if (bytes.length > 0) out.push(unterminated ? { kind: 'line', line: this.lineNo, bytes, unterminated } : { kind: 'line', line: this.lineNo, bytes });
    }
    this.pieces = [];
    this.pendingBytes = 0;
    this.skipping = false;
  }
}
