/** `npm start` with INDEX_READ_ONLY (replicas): never builds or writes the index; its exit status when Telegram refuses the token. */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as TEXT } from '../messages/bot.js';
import { runCli } from '../testing/cli.js';
import { buildSeedIndex, tempDir } from '../testing/seed-index.js';

const start = (env: Record<string, string>, input: string) => runCli('start.ts', [], input, env);

let tmp: string;
let built: string;
beforeAll(async () => {
  tmp = await tempDir('dangbo-start-');
  built = (await buildSeedIndex()).dir;
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await rm(built, { recursive: true, force: true });
});

describe('npm start with INDEX_READ_ONLY=true', () => {
  it('refuses to start without an index, says how to build it, and creates nothing', async () => {
    const dir = path.join(tmp, 'none');
    const r = await start({ INDEX_READ_ONLY: 'true', INDEX_DIR: dir }, '');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('INDEX_READ_ONLY is set and there is no index');
    expect(r.stderr).toContain('npm run ingest');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(false);
  });

  it('answers from an existing index without writing to it', async () => {
    const before = await readdir(built);
    const r = await start({ INDEX_READ_ONLY: 'true', INDEX_DIR: built, DATA_PATHS: path.join(tmp, 'missing-inputs') }, 'Ai chủ trì hội nghị lần thứ 8 Quận 8?\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Võ Ngọc Quốc Thuận');
    expect(await readdir(built)).toEqual(before);
  });
});

describe('npm start as a terminal chat (piped stdin)', () => {
  it('knows the bot’s commands in any case, prints each quote once in curly quotes, and logs JSON when piped', async () => {
    const input = ['/help', '/Quan', '/tomtat quận 8', '/them', '/them', 'Ai chủ trì hội nghị lần thứ 8 Quận 8?', '/khong-co', ''].join('\n');
    const r = await start({ INDEX_READ_ONLY: 'true', INDEX_DIR: built }, input);
    expect(r.code, r.stderr).toBe(0);
    const blocks = r.stdout.trim().split('\n\n');
    expect(r.stdout).toContain('Cách hỏi');
    expect(r.stdout).toContain('/tomtat <đơn vị> — tóm tắt nhiệm kỳ');
    expect(r.stdout).not.toMatch(/<\/?b>|&lt;/);
    expect(r.stdout).toMatch(/Các đơn vị có dữ liệu \(\d+\):\n• /);
    expect(r.stdout).toContain('Mình không biết lệnh này.');
    // The /tomtat answer (its first page, the /them hint; /them its rest, once) and the question's answer: quotes
    // in “…”, each printed once per answer.
    expect(r.stdout).not.toMatch(/[«»]/);
    expect(r.stdout).toContain(`${TEXT.moreHint}\n`);
    expect(r.stdout).toContain('Quận 8 — tóm tắt (tiếp)');
    expect(r.stdout).toContain(TEXT.nothingMore);
    const chair = 'Đồng chí Võ Ngọc Quốc Thuận, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị.';
    const question = r.stdout.slice(r.stdout.indexOf(TEXT.nothingMore));
    expect(question.split(chair).length - 1).toBe(1);
    expect(question).toContain(`“${chair}”`);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    // stderr is a pipe here: JSON lines.
    for (const line of r.stderr.trim().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('npm start as the Telegram bot', () => {
  it('exits non-zero when Telegram stops accepting the token while polling (Restart=on-failure restarts it)', async () => {
    // getMe succeeds; getUpdates answers 401, as after /revoke in @BotFather.
    const api = createServer((req, res) => {
      const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? '')?.[1];
      req.resume();
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (method === 'getUpdates') return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      if (method === 'getMe') return reply(200, { ok: true, result: { id: 1, is_bot: true, first_name: 'B', username: 'b_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
      return reply(200, { ok: true, result: true });
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    try {
      const { port } = api.address() as AddressInfo;
      const r = await start(
        { INDEX_READ_ONLY: 'true', INDEX_DIR: built, TELEGRAM_BOT_TOKEN: '123456:REVOKED-token', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` },
        '',
      );
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain('Telegram refused getUpdates (401');
      expect(r.stderr).not.toContain('REVOKED-token');
    } finally {
      api.closeAllConnections();
      api.close();
    }
  }, 60_000);
});
