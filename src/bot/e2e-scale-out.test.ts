/**
 * Scale-out end to end: the index built once by the ingest CLI, a throwaway redis-server, two bot
 * replicas in webhook mode started by deploy/start-replicas.sh (INDEX_READ_ONLY, same INDEX_DIR and
 * REDIS_URL), and nginx configured from deploy/nginx-site.conf.template in front of them, all on
 * loopback; users talk through the telegram-test-api emulator.
 *
 * The emulator cannot send the webhook secret header itself, so its deliveries go through
 * `relayWebhooks` (src/testing/telegram-emulator.ts), which adds the header (as Telegram does) and
 * posts to nginx. Which replica handled an update is read from the replicas' logs.
 *
 * The replicas may write the index (INDEX_READ_ONLY=false) so that an admin upload through either works:
 * one writes at a time (the index lock) and both follow the generation CURRENT names. The emulator has no
 * getFile, so the bot talks to it through `serveFiles`, which serves the uploaded document.
 *
 * Skipped, saying why, when nginx or redis-server is not installed (.ci/run installs both).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  relayWebhooks,
  serveFiles,
  startEmulator,
  type BotMessage,
  type FileProxy,
  type RunningEmulator,
  type WebhookRelay,
} from '../testing/telegram-emulator.js';
import { findBinary, startNginx, startRedis, type Service } from '../testing/telegram-services.js';
import { UPLOADED_ARTICLE } from '../testing/telegram-fixtures.js';
import { PROJECT_ROOT, tempDir } from '../testing/seed-index.js';

const NGINX = findBinary('nginx');
const REDIS = findBinary('redis-server');
const missing = [NGINX ? '' : 'nginx', REDIS ? '' : 'redis-server'].filter(Boolean);
const SKIP_REASON = missing.length
  ? ` [skipped: ${missing.join(' and ')} not installed; apt-get install -y --no-install-recommends nginx redis-server]`
  : '';

const TOKEN = '424243:SCALE-out_test';
const WEBHOOK_PATH = '/telegram/webhook';
const RATE_LIMIT = 4;
const ADMIN = 8501;
const UPLOAD = UPLOADED_ARTICLE;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface LogLine {
  msg: string;
  level?: number;
  chat_id?: number;
  intent?: string;
  outcome?: string;
}

let tmp: string;
let emulator: RunningEmulator;
let relay: WebhookRelay;
let files: FileProxy;
let redis: Service & { url: string };
let nginx: Service;
let nginxPort: number;
let ports: number[] = [];
let runDir: string;
let env: NodeJS.ProcessEnv;

const pidOf = async (port: number) => Number((await readFile(path.join(runDir, `replica-${port}.pid`), 'utf8')).trim());
const logOf = (port: number) => readFile(path.join(runDir, `replica-${port}.log`), 'utf8').catch(() => '');

/** Every log line of each replica. */
async function logLines(): Promise<Map<number, LogLine[]>> {
  const out = new Map<number, LogLine[]>();
  for (const port of ports) {
    out.set(
      port,
      (await logOf(port))
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as LogLine),
    );
  }
  return out;
}

async function waitForLog(what: string, test: (byPort: Map<number, LogLine[]>) => boolean, timeoutMs = 15_000): Promise<Map<number, LogLine[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const byPort = await logLines();
    if (test(byPort)) return byPort;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${await diagnostics()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Update log lines of `chatId` per replica port. */
async function handled(chatId: number): Promise<Map<number, LogLine[]>> {
  const out = new Map<number, LogLine[]>();
  for (const port of ports) {
    const lines = (await logOf(port))
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine)
      .filter((l) => l.msg === 'update' && l.chat_id === chatId);
    out.set(port, lines);
  }
  return out;
}

/** Waits until the replicas logged `count` updates of `chatId` (the log line follows the reply). */
async function handledCount(chatId: number, count: number): Promise<Map<number, LogLine[]>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const byPort = await handled(chatId);
    const total = [...byPort.values()].reduce((n, l) => n + l.length, 0);
    if (total >= count || Date.now() > deadline) return byPort;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function diagnostics(): Promise<string> {
  const logs = await Promise.all(ports.map(async (p) => `--- replica ${p}\n${(await logOf(p)).slice(-3000)}`));
  return [
    ...logs,
    `--- nginx\n${(await nginx?.output())?.slice(-2000) ?? ''}`,
    `--- relay deliveries\n${JSON.stringify(relay?.deliveries.slice(-10))}`,
  ].join('\n');
}

async function ask(chatId: number, text: string, expected: number): Promise<BotMessage> {
  const client = emulator.server.getClient(TOKEN, { userId: chatId, chatId, firstName: `U${chatId}`, userName: `u${chatId}` });
  await client.sendMessage(client.makeMessage(text));
  const messages = await emulator.waitForMessages(chatId, expected, { timeoutMs: 30_000, describe: () => '' }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await diagnostics()}`);
  });
  return messages[expected - 1]!;
}

describe.skipIf(missing.length > 0)(`scale-out: two webhook replicas behind nginx, sharing Redis${SKIP_REASON}`, () => {
  beforeAll(async () => {
    tmp = await tempDir('dangbo-scale-');
    runDir = path.join(tmp, 'run');
    emulator = await startEmulator();
    relay = await relayWebhooks(emulator.server);
    files = await serveFiles(emulator.apiRoot);
    const base: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(OPENAI_|LLM_|DATA_PATHS|INDEX_|TELEGRAM_|BOT_|REDIS_)/.test(k)) base[k] = v;
    env = { ...base, INDEX_DIR: path.join(tmp, 'index'), LOG_LEVEL: 'info' };

    const ingest = await run(process.execPath, ['--import', 'tsx', 'src/cli/ingest.ts'], env);
    expect(ingest.code, ingest.stderr).toBe(0);

    redis = await startRedis(REDIS!, path.join(tmp, 'redis'), await freePort());
    ports = [await freePort(), await freePort()];
    nginxPort = await freePort();
    nginx = await startNginx(NGINX!, path.join(tmp, 'nginx'), {
      listenPort: nginxPort,
      upstreams: ports.map((p) => `127.0.0.1:${p}`),
      webhookPath: WEBHOOK_PATH,
    });
    env = {
      ...env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: files.apiRoot,
      INDEX_READ_ONLY: 'false',
      UPLOADS_DIR: path.join(tmp, 'uploads'),
      BOT_ADMIN_IDS: String(ADMIN),
      BOT_WEBHOOK_URL: `http://127.0.0.1:${nginxPort}${WEBHOOK_PATH}`,
      BOT_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
      REDIS_URL: redis.url,
      BOT_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      BOT_FEEDBACK_LOG: path.join(tmp, 'feedback.jsonl'),
      BOT_STATE_DIR: path.join(tmp, 'bot-state'),
    };
    const started = await run(path.join(PROJECT_ROOT, 'deploy', 'start-replicas.sh'), ['start', '--ports', ports.join(','), '--run-dir', runDir], env);
    expect(started.code, `${started.stdout}${started.stderr}\n${await diagnostics()}`).toBe(0);
  }, 240_000);

  afterAll(async () => {
    if (runDir) {
      await run(path.join(PROJECT_ROOT, 'deploy', 'start-replicas.sh'), ['stop', '--run-dir', runDir], env ?? process.env, 60_000);
      for (const port of ports) {
        const pid = await pidOf(port).catch(() => 0);
        if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      }
    }
    await nginx?.stop();
    await redis?.stop();
    await relay?.close();
    await files?.close();
    await emulator?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }, 90_000);

  it('nginx serves the replicas health check', async () => {
    const res = await fetch(`http://127.0.0.1:${nginxPort}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    // Without the secret, nginx passes the request on and the replica refuses it.
    const forged = await fetch(`http://127.0.0.1:${nginxPort}${WEBHOOK_PATH}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(forged.status).toBe(401);
  });

  it('rate limits are shared: both replicas count the same user', async () => {
    const chatId = 8101;
    const replies: string[] = [];
    for (let i = 1; i <= RATE_LIMIT + 1; i++) replies.push((await ask(chatId, 'Ai chủ trì hội nghị lần thứ 8 Quận 8?', i)).message.text);
    expect(replies.slice(0, RATE_LIMIT).every((t) => t.includes('Võ Ngọc Quốc Thuận')), replies.join('\n---\n')).toBe(true);
    expect(replies[RATE_LIMIT]).toMatch(/^Bạn đang hỏi hơi nhanh .* \d+ giây/);
    const byPort = await handledCount(chatId, RATE_LIMIT + 1);
    for (const port of ports) expect(byPort.get(port)!.length, `replica ${port} handled none of this chat's updates`).toBeGreaterThan(0);
  });

  it('an article uploaded through one replica is answered by both within seconds (was: only by the writer)', async () => {
    const question = 'Ai chủ trì hội nghị lần thứ 9 Quận 5?';
    // Before: neither replica knows Quận 5.
    expect((await ask(8601, question, 1)).message.text).not.toContain('Trần Minh Khải');

    const bytes = new TextEncoder().encode(UPLOAD);
    files.addFile('doc-quan5', bytes);
    const admin = emulator.server.getClient(TOKEN, { userId: ADMIN, chatId: ADMIN, firstName: 'Admin', userName: 'admin' });
    const { text: _text, ...message } = admin.makeMessage('');
    await emulator.server.addUserMessage({
      ...message,
      document: { file_id: 'doc-quan5', file_unique_id: 'doc-quan5', file_name: 'quan5.txt', mime_type: 'text/plain', file_size: bytes.length },
    } as unknown as Parameters<typeof emulator.server.addUserMessage>[0]);
    const card = (await emulator.waitForMessages(ADMIN, 1, { timeoutMs: 60_000, describe: () => '' }))[0]!;
    expect(card.message.text).toContain('Quận 5');
    const writer = [...(await handledCount(ADMIN, 1)).entries()].find(([, lines]) => lines.some((l) => l.outcome === 'ingested'))?.[0];
    expect(writer, await diagnostics()).toBeDefined();
    const follower = ports.find((p) => p !== writer)!;
    const started = Date.now();
    await waitForLog('the other replica to take up the new generation', (byPort) =>
      byPort.get(follower)!.some((l) => l.msg === 'answering from a new index generation'),
    );
    expect(Date.now() - started).toBeLessThan(10_000);

    // Four questions through nginx (round robin): every one answered from the new article, by both replicas.
    const replies: string[] = [];
    for (const chat of [8602, 8603]) for (let i = 1; i <= 2; i++) replies.push((await ask(chat, question, i)).message.text);
    expect(replies.every((t) => t.includes('Trần Minh Khải')), replies.join('\n---\n')).toBe(true);
    const served = new Set<number>();
    for (const chat of [8602, 8603]) for (const [port, lines] of await handledCount(chat, 2)) if (lines.length > 0) served.add(port);
    expect([...served].sort()).toEqual([...ports].sort());
  }, 120_000);

  it('Redis going away: both replicas keep answering from their own state; back: shared again', async () => {
    const redisPort = Number(new URL(redis.url).port);
    await redis.stop();
    const replies: string[] = [];
    for (let i = 1; i <= 4; i++) replies.push((await ask(8701, 'Ai chủ trì hội nghị lần thứ 8 Quận 8?', i)).message.text);
    expect(replies.every((t) => t.includes('Võ Ngọc Quốc Thuận')), replies.join('\n---\n')).toBe(true);
    const byPort = await handledCount(8701, 4);
    for (const port of ports) expect(byPort.get(port)!.length, `replica ${port} answered none while Redis was away`).toBeGreaterThan(0);
    const lines = await logLines();
    for (const port of ports) expect(lines.get(port)!.filter((l) => l.msg.startsWith('redis unavailable'))).toHaveLength(1);

    redis = await startRedis(REDIS!, path.join(tmp, 'redis'), redisPort);
    await waitForLog('both replicas to use Redis again', (byPort) =>
      ports.every((p) => byPort.get(p)!.some((l) => l.msg.startsWith('redis answers again'))),
    );
    // Shared again: a follow-up on either replica has the first question's context.
    await ask(8702, 'Ai chủ trì hội nghị Quận 12?', 1);
    await ask(8702, 'còn quận 11 thì sao?', 2);
    const intents = [...(await handledCount(8702, 2)).values()].flat().map((l) => l.intent);
    expect(intents).toEqual(['chair', 'chair']);
  }, 120_000);

  it('a follow-up landing on the other replica keeps its context (and the buttons keep working)', async () => {
    const chatId = 8201;
    const first = await ask(chatId, 'Ai chủ trì hội nghị Quận 12?', 1);
    expect(first.message.text).toContain('Quận 12');
    const [replicaA] = [...(await handledCount(chatId, 1)).entries()].find(([, lines]) => lines.length > 0)!;
    const replicaB = ports.find((p) => p !== replicaA)!;

    // Replica A goes away (SIGTERM, as a rolling restart would); nginx sends the rest to B.
    const pidA = await pidOf(replicaA);
    process.kill(pidA, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (alive(pidA) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pidA)).toBe(false);

    const followUp = await ask(chatId, 'còn quận 11 thì sao?', 2);
    expect(followUp.message.text).toContain('Trương Quốc Lâm');
    const byPort = await handledCount(chatId, 2);
    expect(byPort.get(replicaA)).toHaveLength(1);
    expect(byPort.get(replicaB)!.map((l) => l.intent)).toEqual(['chair']);

    // The first answer's citation button, stored in Redis by A, works on B.
    const cite = first.message.reply_markup!.inline_keyboard!.flat().find((b) => b.text === '[1]')!;
    const client = emulator.server.getClient(TOKEN, { userId: chatId, chatId, firstName: `U${chatId}`, userName: `u${chatId}` });
    await client.sendCallback(client.makeCallbackQuery(cite.callback_data!, { message: { message_id: first.messageId } }));
    const detail = (await emulator.waitForMessages(chatId, 3))[2]!;
    expect(detail.message.text).toContain('<blockquote>');
    expect(detail.message.text).toContain('Quận 12');

    // Control: the same words without that context are not a question about who chaired.
    const control = 8301;
    await ask(control, 'còn quận 11 thì sao?', 1);
    const controlLines = [...(await handledCount(control, 1)).values()].flat();
    expect(controlLines.map((l) => l.intent)).not.toContain('chair');
  });
});
