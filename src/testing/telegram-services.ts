/**
 * Throwaway redis-server and nginx instances for scale-out tests: loopback ports, files in a temp
 * directory, stopped (and waited for) by `stop()`. Nothing is installed or left running.
 *
 * - `findBinary` looks in PATH and the sbin directories (nginx lives in /usr/sbin on Debian).
 * - `startRedis`: no persistence (`--save ""`, no AOF), bound to 127.0.0.1; resolves once PING answers.
 * - `startNginx`: renders deploy/nginx-site.conf.template with deploy/render-nginx.sh --standalone,
 *   runs `nginx -g 'daemon off;'` in the foreground; resolves once the port accepts connections.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from './seed-index.js';

export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (dir && existsSync(file)) return file;
  }
  return null;
}

export interface Service {
  readonly pid: number;
  /** Output so far (redis: its log; nginx: error log). */
  output(): Promise<string>;
  stop(): Promise<void>;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${await what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
}

export async function startRedis(binary: string, dir: string, port: number): Promise<Service & { url: string }> {
  await mkdir(dir, { recursive: true });
  let log = '';
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString('utf8')));
  const url = `redis://127.0.0.1:${port}/0`;
  const ping = async () => {
    if (child.exitCode !== null) return false;
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  try {
    await until(ping, 10_000, async () => `redis-server did not start on port ${port}:\n${log.slice(-2000)}`);
  } catch (error) {
    await terminate(child, 'SIGKILL');
    throw error;
  }
  return { pid: child.pid!, url, output: async () => log, stop: () => terminate(child, 'SIGTERM') };
}

export interface NginxOptions {
  listenPort: number;
  upstreams: string[];
  webhookPath: string;
  /** Extra render-nginx.sh options, e.g. ['--fail-timeout', '30s']. */
  render?: string[];
}

export async function startNginx(binary: string, prefix: string, o: NginxOptions): Promise<Service & { config: string }> {
  await mkdir(prefix, { recursive: true });
  const rendered = spawnSync(
    path.join(PROJECT_ROOT, 'deploy', 'render-nginx.sh'),
    [...o.upstreams.flatMap((u) => ['--upstream', u]), '--listen', `127.0.0.1:${o.listenPort}`, '--path', o.webhookPath, '--standalone', prefix, '--workers', '1', ...(o.render ?? [])],
    { encoding: 'utf8' },
  );
  if (rendered.status !== 0) throw new Error(`render-nginx.sh failed: ${rendered.stderr}`);
  const config = path.join(prefix, 'nginx.conf');
  await writeFile(config, rendered.stdout);
  const errorLog = path.join(prefix, 'error.log');
  const child = spawn(binary, ['-p', prefix, '-c', config, '-e', errorLog, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const output = async () => `${out}${await readFile(errorLog, 'utf8').catch(() => '')}`;
  try {
    await until(async () => child.exitCode === null && (await portOpen(o.listenPort)), 10_000, async () => `nginx did not start:\n${(await output()).slice(-2000)}`);
  } catch (error) {
    await terminate(child, 'SIGKILL');
    throw error;
  }
  return { pid: child.pid!, config, output, stop: () => terminate(child, 'SIGQUIT') };
}
