/**
 * Entry-point wrapper: runs `main`, prints errors as one clear message on stderr (stack only with
 * --debug or DEBUG=1) and sets the exit code: 0 ok, 1 failure, 2 usage error.
 */
import { AppError, formatError } from '../errors.js';

export function runMain(main: () => Promise<number | void>): void {
  const debug = process.argv.includes('--debug') || process.env.DEBUG === '1';
  main().then(
    (code) => {
      process.exitCode = typeof code === 'number' ? code : 0;
    },
    (error: unknown) => {
      // commander's CommanderError, by shape (importing commander here would cost `npm start` time).
      const code = (error as { code?: unknown } | null)?.code;
      if (error instanceof Error && typeof code === 'string' && code.startsWith('commander.') && typeof (error as { exitCode?: unknown }).exitCode === 'number') {
        const commanderError = error as Error & { exitCode: number };
        process.exitCode = commanderError.exitCode === 0 ? 0 : 2;
        return;
      }
      process.stderr.write(`${formatError(error)}\n`);
      if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      process.exitCode = AppError.isInstance(error) && error.code === 'USAGE' ? 2 : 1;
    },
  );
}
