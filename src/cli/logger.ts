/**
 * Logs (pino) to standard error, so standard output stays clean for answers and JSON.
 *
 * - Standard error not a terminal (piped, a file, a process manager): one JSON object per line.
 * - A terminal: one human line per record — "HH:MM:SS WARN message key=value …" (the level is left out for info)
 *   — no JSON, no pino-pretty needed.
 */
import pino, { type Logger } from 'pino';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMIT = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** One pino JSON line as a human line. */
export function humanLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const level = Number(record.level);
  const time = typeof record.time === 'number' ? new Date(record.time).toTimeString().slice(0, 8) : '';
  const tag = level === 30 ? '' : `${LEVELS[level] ?? level} `;
  const fields = Object.entries(record)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => {
      if (k === 'err' && v && typeof v === 'object') {
        const e = v as { message?: unknown; description?: unknown; stack?: unknown };
        return `error=${String(e.message ?? e.description ?? JSON.stringify(v))}${level >= 50 && e.stack ? `\n${String(e.stack)}` : ''}`;
      }
      return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    });
  return `${[time, `${tag}${String(record.msg ?? '')}`, ...fields].filter(Boolean).join(' ')}\n`;
}

export function createLogger(level: string, o: { human?: boolean } = {}): Logger {
  const options = { level, base: undefined, redact: ['token', 'config.telegram.token', '*.token'] };
  const human = o.human ?? Boolean(process.stderr.isTTY);
  if (!human) return pino(options, pino.destination(2));
  return pino(options, { write: (line: string) => void process.stderr.write(humanLine(line)) });
}
