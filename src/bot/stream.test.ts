import { Bot } from 'grammy';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordApi, TEST_BOT_INFO } from '../testing/telegram.js';
import { TELEGRAM_TEXT_LIMIT } from './html.js';
import { createPreview, FINISH_WAIT_MS, PREVIEW_LIMIT, PREVIEW_MARKER, previewHtml, type DraftSupport, type PreviewOptions } from './stream.js';

const KEYBOARD = { inline_keyboard: [[{ text: '👍', callback_data: 'f:x:up' }]] };

function setup(overrides: Partial<PreviewOptions> = {}) {
  const bot = new Bot('123456:STREAM-test', { botInfo: TEST_BOT_INFO });
  const api = recordApi(bot);
  const support: DraftSupport = overrides.support ?? { drafts: true };
  const onShown = vi.fn();
  const preview = createPreview(bot.api, {
    chatId: 1001,
    draftId: 77,
    replyTo: 5,
    intervalMs: 1000,
    support,
    logger: pino({ level: 'silent' }),
    onShown,
    ...overrides,
  });
  return { api, preview, support, onShown };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('previewHtml', () => {
  it('escapes the text and adds the writing marker', () => {
    expect(previewHtml(' <b>Quận 8</b> & "x" ')).toBe(`&lt;b&gt;Quận 8&lt;/b&gt; &amp; &quot;x&quot;${PREVIEW_MARKER}`);
  });

  it('cuts long text to fit one message, without splitting a surrogate pair or an entity', () => {
    const html = previewHtml('😀<'.repeat(5000));
    expect(html.length).toBeLessThanOrEqual(PREVIEW_LIMIT);
    expect(PREVIEW_LIMIT).toBeLessThan(TELEGRAM_TEXT_LIMIT);
    expect(html.endsWith(`…${PREVIEW_MARKER}`)).toBe(true);
    const body = html.slice(0, -PREVIEW_MARKER.length - 1);
    expect(body).toMatch(/^(😀&lt;)+(😀)?$/u);
  });
});

describe('createPreview', () => {
  it('shows the first text at once, then the newest text at most once per interval', async () => {
    const { api, preview, onShown } = setup();
    preview.update('Đồng chí');
    await vi.advanceTimersByTimeAsync(0);
    preview.update('Đồng chí Võ');
    preview.update('Đồng chí Võ Ngọc');
    await vi.advanceTimersByTimeAsync(999);
    expect(api.of('sendMessageDraft').map((p) => p.text)).toEqual([`Đồng chí${PREVIEW_MARKER}`]);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.of('sendMessageDraft').map((p) => p.text)).toEqual([`Đồng chí${PREVIEW_MARKER}`, `Đồng chí Võ Ngọc${PREVIEW_MARKER}`]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.of('sendMessageDraft')).toHaveLength(2);
    expect(api.of('sendMessageDraft')[0]).toMatchObject({ chat_id: 1001, draft_id: 77, parse_mode: 'HTML' });
    expect(onShown).toHaveBeenCalledTimes(1);
    expect(preview.shown).toBe(2);
    expect(preview.mode).toBe('draft');
  });

  it('ignores blank text', async () => {
    const { api, preview } = setup();
    preview.update('   ');
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.calls).toEqual([]);
  });

  it('finishes with drafts: the answer is sent as a reply with the keyboard', async () => {
    const { api, preview } = setup();
    preview.update('Đồng chí');
    await vi.advanceTimersByTimeAsync(0);
    preview.update('Đồng chí Võ');
    await preview.finish('<b>Trả lời</b> [1]', KEYBOARD);
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.of('sendMessageDraft')).toHaveLength(1);
    const sent = api.of('sendMessage');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ text: '<b>Trả lời</b> [1]', parse_mode: 'HTML', reply_markup: KEYBOARD, reply_parameters: { message_id: 5 } });
  });

  it('falls back to one edited message when drafts are refused, and remembers it', async () => {
    const { api, preview, support } = setup();
    api.fail('sendMessageDraft', { error_code: 400, description: 'Bad Request: method not available' });
    preview.update('Một');
    await vi.advanceTimersByTimeAsync(0);
    expect(support.drafts).toBe(false);
    expect(preview.mode).toBe('edit');
    expect(api.of('sendMessage')).toEqual([expect.objectContaining({ text: `Một${PREVIEW_MARKER}`, reply_parameters: { message_id: 5, allow_sending_without_reply: true } })]);
    preview.update('Một hai');
    await vi.advanceTimersByTimeAsync(1000);
    const edits = api.of('editMessageText');
    expect(edits).toEqual([expect.objectContaining({ message_id: 10_001, text: `Một hai${PREVIEW_MARKER}` })]);

    await preview.finish('<b>Trả lời</b>', KEYBOARD);
    expect(api.of('sendMessage')).toHaveLength(1);
    expect(api.of('editMessageText').at(-1)).toMatchObject({ message_id: 10_001, text: '<b>Trả lời</b>', parse_mode: 'HTML', reply_markup: KEYBOARD });

    // The next answer of this bot starts with edits.
    const next = setup({ support });
    next.preview.update('Ba');
    await vi.advanceTimersByTimeAsync(0);
    expect(next.api.of('sendMessageDraft')).toEqual([]);
    expect(next.api.of('sendMessage')).toHaveLength(1);
  });

  it('a long answer replaces the preview with its first part; the rest follows with the keyboard', async () => {
    const { api, preview } = setup({ support: { drafts: false } });
    preview.update('Một');
    await vi.advanceTimersByTimeAsync(0);
    const long = Array.from({ length: 900 }, (_, i) => `câu ${i}.`).join(' ');
    await preview.finish(long, KEYBOARD);
    const edit = api.of('editMessageText').at(-1)!;
    expect(edit.reply_markup).toBeUndefined();
    const rest = api.of('sendMessage').slice(1);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.at(-1)!.reply_markup).toEqual(KEYBOARD);
    expect([edit, ...rest].map((p) => String(p.text)).join(' ')).toContain('câu 899.');
  });

  it('when the final edit fails, the answer is sent anew and the stale preview deleted', async () => {
    const { api, preview } = setup({ support: { drafts: false } });
    preview.update('Một');
    await vi.advanceTimersByTimeAsync(0);
    api.fail('editMessageText', { error_code: 400, description: 'Bad Request: message to edit not found' });
    await preview.finish('Trả lời', KEYBOARD);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.of('sendMessage').map((p) => p.text)).toEqual([`Một${PREVIEW_MARKER}`, 'Trả lời']);
    expect(api.of('deleteMessage')).toEqual([expect.objectContaining({ message_id: 10_001 })]);
  });

  it('a preview failing midway stops the preview; the answer still arrives', async () => {
    const { api, preview } = setup();
    preview.update('Một');
    await vi.advanceTimersByTimeAsync(0);
    api.fail('sendMessageDraft', { error_code: 400, description: 'Bad Request: draft failed' });
    preview.update('Một hai');
    await vi.advanceTimersByTimeAsync(1000);
    preview.update('Một hai ba');
    await vi.advanceTimersByTimeAsync(3000);
    expect(api.of('sendMessageDraft')).toHaveLength(2);
    expect(api.of('sendMessage')).toEqual([]);
    await preview.finish('Trả lời', KEYBOARD);
    expect(api.of('sendMessage').map((p) => p.text)).toEqual(['Trả lời']);
  });

  it('does not wait for a hanging preview call longer than FINISH_WAIT_MS', async () => {
    const { api, preview } = setup();
    api.fail('sendMessageDraft', 'hang');
    preview.update('Một');
    await vi.advanceTimersByTimeAsync(0);
    const finished = preview.finish('Trả lời', KEYBOARD);
    await vi.advanceTimersByTimeAsync(FINISH_WAIT_MS);
    await finished;
    expect(api.of('sendMessage').map((p) => p.text)).toEqual(['Trả lời']);
  });
});
