/** Test helper: the command-line scripts (src/cli/*.ts) run as a user runs them, in a spawned tsx process, offline. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './seed-index.js';

export const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
/**
 * Environment of a spawned CLI: this process's, without any of the app's settings (OpenAI, LLM, data paths, index,
 * Telegram, bot, Redis), so the developer's own configuration never leaks in; quiet logs.
 */
export const CLI_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OPENAI_|LLM_|DATA_PATHS|INDEX_|TELEGRAM_|BOT_|REDIS_)/.test(k))),
  LOG_LEVEL: 'warn',
};

export interface CliResult {
  /** Exit code; -1 when the process was killed by a signal. */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx src/cli/<script> ...args` in the project root with CLI_ENV plus `env`, and `input` on stdin (closed
 * after it); resolves when the process has exited, never rejects.
 */
export function runCli(script: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [path.join(PROJECT_ROOT, 'src', 'cli', script), ...args], { cwd: PROJECT_ROOT, env: { ...CLI_ENV, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}
