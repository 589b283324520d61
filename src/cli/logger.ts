/** Structured logs (pino) to standard error, so standard output stays clean for answers and JSON. */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: ['token', 'config.telegram.token', '*.token'] }, pino.destination(2));
}
