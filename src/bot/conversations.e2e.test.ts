/**
 * Scripted conversations through the Bot API emulator (issues 13 and 14): `npm start` in a child process, offline,
 * on the bundled articles, driven as people use it — in private chats and groups — with src/testing/bot-conversation.ts.
 * Each step is a user's turn and the checks of the bot's reply; every step waits for the bot's log line of its
 * update, never for a fixed time. One bot process serves the whole file (restarted once, for the buttons' lifetime).
 *
 * The terminal chat (the same conversation without Telegram) is at the end: piped stdin and a pseudo-terminal
 * (util-linux `script`).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en, vi } from '../messages/bot.js';
import {
  buttonsOf,
  MENTION,
  startConversationBot,
  visibleText,
  type ConversationBot,
  type Step,
} from '../testing/bot-conversation.js';
import { findBinary } from '../testing/telegram-services.js';
import { UPLOADED_ARTICLE } from '../testing/telegram-fixtures.js';
import { CLI_ENV, runCli, TSX } from '../testing/cli.js';
import { buildSeedIndex, PROJECT_ROOT } from '../testing/seed-index.js';

const ADMIN = 9001;
/** Low enough that a burst of 2 × RATE_LIMIT + 1 questions is limited whichever minute it falls in. */
const RATE_LIMIT = 12;

const Q8_CHAIR = 'Võ Ngọc Quốc Thuận';
const Q11_CHAIR = 'Trương Quốc Lâm';
const BINH_TAN_CHAIR = 'Huỳnh Khắc Điệp';
const CHAIR_Q8 = 'Ai chủ trì hội nghị lần thứ 8 Quận 8?';
/** A hash file name (the bundled articles' ids), never a visible label. */
const HASH_FILE = /\b\d{3}_[0-9a-f]{16}\.txt\b/;

const ARTICLE = UPLOADED_ARTICLE;
const NOTES = 'Việc cần làm trong tuần\n\nMua sách cho con, sửa xe đạp, tưới cây ngoài ban công và gọi điện cho bạn cũ.\n';

let bot: ConversationBot;

beforeAll(async () => {
  bot = await startConversationBot({ env: { BOT_ADMIN_IDS: String(ADMIN), BOT_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) } });
}, 240_000);

afterAll(async () => {
  await bot?.close();
});

const lines = (s: Step) => visibleText(s.text).split('\n');
const labels = (s: Step) => buttonsOf(s.last).map((b) => b.text);

/** A question back: the bot asks which unit, with a button per likely unit and no feedback buttons. */
function expectQuestionBack(s: Step, units: string[]) {
  expect(s.sent, s.text).toHaveLength(1);
  expect(visibleText(s.text)).not.toContain('Nguồn:');
  for (const u of units) expect(labels(s)).toContain(u);
  expect(labels(s)).not.toContain('👍');
}

/** The answer shape of issue 13 as far as the Telegram message goes. */
function expectAnswerShape(s: Step, firstLine: string | RegExp) {
  const html = s.last!.message.text;
  expect(s.last!.message.parse_mode).toBe('HTML');
  // The direct answer first, in bold.
  const first = /^<b>([^<]*)<\/b>/.exec(html)?.[1] ?? '';
  if (typeof firstLine === 'string') expect(first).toContain(firstLine);
  else expect(first).toMatch(firstLine);
  expect(html).toMatch(/<b>Nguồn:<\/b>\n\[1[\]–,]/);
  const text = visibleText(html);
  expect(text).not.toMatch(HASH_FILE);
  // No sentence twice.
  const sentences = text
    .split(/(?<=[.!?…”])\s+|\n+/)
    .map((x) => x.replace(/\[\d+(?:[–,]\s?\d+)*\]/g, '').replace(/[“”«»"]/g, '').trim())
    .filter((x) => x.length > 25);
  expect(sentences.length, text).toBe(new Set(sentences).size);
  expect(labels(s)).toEqual(expect.arrayContaining(['[1]', '👍', '👎']));
}

describe('issue 13 in a private chat: a question back instead of a guess, several things at once, the collection', () => {
  it('a card question naming no unit gets the likely units as buttons; tapping one answers for it', async () => {
    const hoa = bot.privateChat({ userId: 7101, firstName: 'Hoa' });
    const asked = await hoa.say('ai chủ trì?');
    expectQuestionBack(asked, ['Quận 8', 'quận Bình Tân']);
    expect(asked.text).toContain('đơn vị nào');
    const tapped = await hoa.tap(asked.last, 'Quận 8');
    expect(tapped.callbackAnswer).toBeDefined();
    expect(tapped.text).toContain(Q8_CHAIR);
    expect(tapped.text).not.toContain(BINH_TAN_CHAIR);
    // Typing the unit instead of tapping answers too.
    const hai = bot.privateChat({ userId: 7108, firstName: 'Hải' });
    const again = await hai.say('ai chủ trì?');
    expectQuestionBack(again, ['Quận 11']);
    const typed = await hai.say('Quận 11');
    expect(typed.text).toContain(Q11_CHAIR);
  });

  it('an unknown or misspelled unit is asked about, never answered with the previous unit', async () => {
    const tuan = bot.privateChat({ userId: 7102, firstName: 'Tuấn' });
    const summary = await tuan.say('/tomtat quận 8');
    expect(summary.log.intent).toBe('summary');
    expect(lines(summary)[0]).toContain('Quận 8');

    const misspelled = await tuan.say('/tomtat Binh Tann');
    expectQuestionBack(misspelled, ['quận Bình Tân']);
    expect(misspelled.text).not.toContain('Quận 8');
    expect(misspelled.log.outcome).toBe('not_grounded');

    const chair = await tuan.say('ai chủ trì hội nghị quận Bìnhh Tân?');
    expectQuestionBack(chair, ['quận Bình Tân']);
    expect(chair.text).toContain('Bìnhh Tân');
    expect(chair.text).not.toContain(Q8_CHAIR);
    const tapped = await tuan.tap(chair.last, 'quận Bình Tân');
    expect(tapped.text).toContain(BINH_TAN_CHAIR);
  });

  it('"ông ấy" / "nó" with no referent: the bot asks who or what is meant', async () => {
    const mai = bot.privateChat({ userId: 7103, firstName: 'Mai' });
    const who = await mai.say('ông ấy giữ chức vụ gì?');
    expect(who.text).toContain('Bạn hỏi về ai?');
    expect(labels(who)).not.toContain('[1]');
    const it = await mai.say('nó diễn ra khi nào?');
    expectQuestionBack(it, ['Quận 8']);
    // With a referent, the same pronoun is answered.
    await mai.say(CHAIR_Q8);
    const role = await mai.say('ông ấy giữ chức vụ gì?');
    expect(role.text).toContain(Q8_CHAIR);
    expect(role.text).toContain('Bí thư Quận ủy');
  });

  it('"Quận 8 và Quận 11" answers both; two questions on two lines get two answers', async () => {
    const an = bot.privateChat({ userId: 7104, firstName: 'An' });
    const both = await an.say('Ai chủ trì hội nghị Quận 8 và Quận 11?');
    const text = visibleText(both.text);
    expect(text).toContain(Q8_CHAIR);
    expect(text).toContain(Q11_CHAIR);
    expect(text.indexOf('Quận 8:')).toBeLessThan(text.indexOf('Quận 11:'));
    expect(labels(both)).toEqual(expect.arrayContaining(['[1]', '[2]']));

    const two = await an.say(`${CHAIR_Q8}\nQuận 12 kết nạp bao nhiêu đảng viên?`);
    const t2 = visibleText(two.text);
    expect(t2).toContain(Q8_CHAIR);
    expect(t2).toContain('596');
    expect(t2.indexOf(Q8_CHAIR)).toBeLessThan(t2.indexOf('596'));
  });

  it('questions about the collection: latest, how many, list, who chaired which, comparison, a yes/no check', async () => {
    const binh = bot.privateChat({ userId: 7105, firstName: 'Bình' });
    const latest = await binh.say('hội nghị gần đây nhất là gì?');
    expect(latest.log.intent).toBe('collection');
    expect(lines(latest)[0]).toMatch(/gần đây nhất.*Hội nghị lần thứ 18 – quận Bình Tân, ngày 05\/10\/2023 \[1\]/);

    const count = await binh.say('có bao nhiêu hội nghị?');
    expect(lines(count)[0]).toContain('5 hội nghị');
    const listed = visibleText(count.text).split('\n').filter((l) => l.startsWith('• '));
    expect(listed).toHaveLength(5);
    for (const l of listed) expect(l).toMatch(/\[\d\]$/);

    const list = await binh.say('liệt kê các hội nghị của Quận 8');
    expect(visibleText(list.text)).toContain('Hội nghị lần thứ 8');
    expect(visibleText(list.text)).not.toContain('Bình Tân');

    const person = await binh.say(`${Q8_CHAIR} chủ trì những hội nghị nào?`);
    expect(visibleText(person.text)).toMatch(/Hội nghị lần thứ 8 – Quận 8, ngày 12\/07\/2022 \(chủ trì\) \[1\]/);

    // A comparison: one cited line per unit, each figure with its period; unlike periods are not ranked.
    const compare = await binh.say('Quận nào kết nạp nhiều đảng viên nhất?');
    const rows = visibleText(compare.text).split('\n').filter((l) => l.startsWith('• '));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r).toMatch(/— [\d.,]+ đảng viên.*\(.+\).*\[\d+\]/);
    expect(rows.find((r) => r.includes('Quận 12'))).toContain('596');
    expect(lines(compare)[0]).toContain('kỳ khác nhau');

    const check = await binh.say('Quận 12 kết nạp 600 đảng viên đúng không?');
    expectAnswerShape(check, /^Không — .*596 đảng viên/);
  });

  it('small talk gets one short line: no sources, no feedback buttons (also after a question)', async () => {
    const lan = bot.privateChat({ userId: 7106, firstName: 'Lan' });
    const hi = await lan.say('hi');
    expect(hi.log.intent).toBe('smalltalk');
    expect(hi.sent).toHaveLength(1);
    expect(visibleText(hi.text).length).toBeLessThan(250);
    expect(hi.text).not.toContain('Nguồn');
    expect(buttonsOf(hi.last)).toEqual([]);

    await lan.say(CHAIR_Q8);
    const thanks = await lan.say('cảm ơn');
    expect(thanks.log.intent).toBe('smalltalk');
    expect(thanks.text).not.toContain('Không tìm thấy');
    expect(thanks.text).not.toContain('Nguồn');
    expect(buttonsOf(thanks.last)).toEqual([]);
  });

  it('the answer shape: the direct answer first in bold; the quote once, in an expandable blockquote; sources with outlet and publication date, no hash file names; nothing repeated', async () => {
    const minh = bot.privateChat({ userId: 7107, firstName: 'Minh' });
    const chair = await minh.say(CHAIR_Q8);
    expectAnswerShape(chair, Q8_CHAIR);
    expect(chair.last!.message.reply_parameters?.message_id).toBe(chair.messageId);
    // The quote that proves it, once, as an expandable blockquote.
    expect(chair.text.match(/<blockquote expandable>“Đồng chí Võ Ngọc Quốc Thuận[^<]*” \[1\]<\/blockquote>/g)).toHaveLength(1);
    // The source line: title, unit, outlet; no publication date printed by this report, and not the meeting's date again.
    const source = visibleText(chair.text).split('Nguồn:\n')[1]!;
    expect(source).toMatch(/^\[1\] .+ — Quận 8 — Thanhuytphcm\.vn$/);
    const ntl = await minh.say('Ai chủ trì hội nghị lần thứ 14 quận Nam Từ Liêm?');
    expectAnswerShape(ntl, /Trần Đức Hoạt/);
    expect(visibleText(ntl.text).split('Nguồn:\n')[1]).toMatch(/ — quận Nam Từ Liêm — .+ — đăng ngày 23\/06\/2022/);
    // "typing…" while it worked (fire-and-forget: it may reach the proxy after the answer).
    await expect.poll(() => bot.proxy.of('sendChatAction').some((p) => Number(p.chat_id) === 7107 && p.action === 'typing'), { timeout: 10_000 }).toBe(true);
    const jobs = await minh.say('Quận 8 giải quyết việc làm cho bao nhiêu người?');
    expectAnswerShape(jobs, '4.523/7.500 người');
    const detail = await minh.tap(chair.last, '[1]');
    expect(detail.text).toContain('<blockquote');
    expect(detail.text).toContain(Q8_CHAIR);
  });
});

describe('issue 13 in a group: context follows the replied-to message and the asking user', () => {
  const GROUP = { id: -1007201, title: 'Chi bộ khu phố 3' };

  it('a follow-up follows its asker; a reply follows the answer it replies to', async () => {
    const an = bot.group(GROUP, { userId: 7201, firstName: 'An' });
    const binh = bot.group(GROUP, { userId: 7202, firstName: 'Bình' });
    const chi = bot.group(GROUP, { userId: 7203, firstName: 'Chi' });

    const ignored = await an.say(CHAIR_Q8);
    expect(ignored.sent).toEqual([]);
    expect(ignored.log.outcome).toBe('ignored');

    const q8 = await an.say(`${MENTION} ${CHAIR_Q8}`);
    expect(q8.text).toContain(Q8_CHAIR);
    const q11 = await binh.say(`${MENTION} Ai chủ trì hội nghị Quận 11?`);
    expect(q11.text).toContain(Q11_CHAIR);

    // Each asker's "ông ấy" is their own chair, not the group's last answer.
    const anRole = await an.say(`${MENTION} ông ấy giữ chức vụ gì?`);
    expect(anRole.text).toContain(Q8_CHAIR);
    expect(anRole.text).not.toContain(Q11_CHAIR);
    const binhRole = await binh.say(`${MENTION} ông ấy giữ chức vụ gì?`);
    expect(binhRole.text).toContain(Q11_CHAIR);
    // Chi asked nothing: asked who is meant …
    const chiRole = await chi.say(`${MENTION} ông ấy giữ chức vụ gì?`);
    expect(chiRole.text).toContain('Bạn hỏi về ai?');
    // … unless she replies to an answer: then that answer's person (no mention needed).
    const replied = await chi.say('ông ấy giữ chức vụ gì?', { replyTo: q8.last! });
    expect(replied.text).toContain(Q8_CHAIR);
    expect(replied.text).not.toContain(Q11_CHAIR);
  });

  it('a question back in a group: the buttons answer for the unit tapped; "Quận 8 và Quận 11", two lines and small talk too', async () => {
    const dung = bot.group(GROUP, { userId: 7204, firstName: 'Dũng' });
    const asked = await dung.say(`${MENTION} ai chủ trì?`);
    expectQuestionBack(asked, ['Quận 8', 'Quận 11']);
    const tapped = await dung.tap(asked.last, 'Quận 11');
    expect(tapped.text).toContain(Q11_CHAIR);
    // Another member replies to the question back with a unit: that question, for that unit.
    const replied = await bot.group(GROUP, { userId: 7205, firstName: 'Giang' }).say('Quận 8', { replyTo: asked.last! });
    expect(replied.text).toContain(Q8_CHAIR);
    const both = await dung.say(`${MENTION} Ai chủ trì hội nghị Quận 8 và Quận 11?`);
    expect(both.text).toContain(Q8_CHAIR);
    expect(both.text).toContain(Q11_CHAIR);
    const two = visibleText((await dung.say(`${MENTION} ${CHAIR_Q8}\nQuận 12 kết nạp bao nhiêu đảng viên?`)).text);
    expect(two.indexOf(Q8_CHAIR)).toBeGreaterThanOrEqual(0);
    expect(two.indexOf(Q8_CHAIR)).toBeLessThan(two.indexOf('596'));
    const thanks = await dung.say(`${MENTION} cảm ơn`);
    expect(thanks.log.intent).toBe('smalltalk');
    expect(buttonsOf(thanks.last)).toEqual([]);
  });
});

describe('issue 14: buttons that always work, limits that never swallow a message', () => {
  it('only questions count: citation taps are never limited, a limited question is told when to retry, every tap is answered', async () => {
    const rate = bot.privateChat({ userId: 7301, firstName: 'Quang' });
    const first = await rate.say(CHAIR_Q8);
    for (let i = 0; i < RATE_LIMIT + 2; i++) {
      const tap = await rate.tap(first.last, '[1]');
      expect(tap.callbackAnswer, `tap ${i + 1}`).toBeDefined();
      expect(tap.text, `tap ${i + 1}`).toContain('<blockquote');
    }
    // 2 × limit + 1 questions at once: over the limit in one minute or the next, whatever the clock says.
    const burst = Array.from({ length: 2 * RATE_LIMIT + 1 }, (_, i) => `Ai dự hội nghị Quận ${[8, 11, 12][i % 3]}? (${i + 1})`);
    const steps = await rate.sayAll(burst);
    const limited = steps.filter((s) => s.log.outcome === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    for (const [i, s] of steps.entries()) {
      // Every question gets exactly one reply, to it: an answer or when to send it again.
      expect(s.sent, `question ${i + 1}: ${s.log.outcome}`).toHaveLength(1);
      if (s.log.outcome === 'rate_limited') expect(s.text).toMatch(/gửi lại sau khoảng \d+ giây/);
      else expect(s.text).not.toContain('hỏi hơi nhanh');
    }
    // Limited, a tap still works and is answered.
    const after = await rate.tap(first.last, '👍');
    expect(after.callbackAnswer?.text).toBe(vi.feedbackThanks);
    const cite = await rate.tap(first.last, '[1]');
    expect(cite.callbackAnswer).toBeDefined();
    expect(cite.text).toContain('<blockquote');
  });

  it('old buttons work after 11 newer answers; 👎 asks what was wrong and logs the reason', async () => {
    const old = bot.privateChat({ userId: 7302, firstName: 'Oanh' });
    const first = await old.say(CHAIR_Q8);
    const newer = ['Quận 11', 'Quận 12', 'quận Bình Tân', 'Quận 8'].flatMap((u) => [`Ai dự hội nghị ${u}?`, `Hội nghị ${u} diễn ra ngày nào?`, `${u} kết nạp bao nhiêu đảng viên?`]).slice(0, 11);
    for (const q of newer) await old.say(q);
    const cite = await old.tap(first.last, '[1]');
    expect(cite.text).toContain(Q8_CHAIR);
    expect(cite.callbackAnswer?.show_alert).not.toBe(true);

    const down = await old.tap(first.last, '👎');
    expect(down.callbackAnswer?.text).toBe(vi.feedbackAskReason);
    const reasons = buttonsOf(old.messages().find((m) => m.messageId === first.last!.messageId));
    expect(reasons.map((b) => b.text)).toEqual(expect.arrayContaining(['[1]', ...Object.values(vi.feedbackReasons)]));
    const why = await old.tap(first.last, vi.feedbackReasons.incomplete);
    expect(why.callbackAnswer?.text).toBe(vi.feedbackReasonThanks);
    expect(buttonsOf(old.messages().find((m) => m.messageId === first.last!.messageId)).map((b) => b.text)).not.toContain(vi.feedbackReasons.incomplete);
    const records = (await bot.feedback()).filter((r) => r.userId === 7302);
    expect(records).toEqual([
      expect.objectContaining({ rating: 'down', question: CHAIR_Q8 }),
      expect.objectContaining({ rating: 'down', reason: 'incomplete', question: CHAIR_Q8 }),
    ]);
  });

  it('groups: a citation tap is an alert (nothing posted); old buttons work after 11 newer answers of other members', async () => {
    const GROUP = { id: -1007301, title: 'Chi bộ 5' };
    const members = Array.from({ length: 4 }, (_, i) => bot.group(GROUP, { userId: 7310 + i, firstName: `Thành viên ${i}` }));
    const first = await members[0]!.say(`${MENTION} ${CHAIR_Q8}`);
    for (let i = 0; i < 11; i++) await members[1 + (i % 3)]!.say(`${MENTION} Ai dự hội nghị Quận ${[8, 11, 12][i % 3]}? (${i})`);
    const before = members[0]!.messages().length;
    const tap = await members[2]!.tap(first.last, '[1]');
    expect(tap.callbackAnswer?.show_alert).toBe(true);
    expect(tap.callbackAnswer?.text).toContain(Q8_CHAIR);
    expect(tap.callbackAnswer!.text!.length).toBeLessThanOrEqual(200);
    expect(tap.sent).toEqual([]);
    expect(members[0]!.messages()).toHaveLength(before);
  });

  it('added to a group, the bot greets once with what it does and how to address it', async () => {
    const GROUP = { id: -1007302, title: 'Đảng bộ phường' };
    const owner = bot.group(GROUP, { userId: 7320, firstName: 'Hải' });
    const added = await owner.addsBot();
    expect(added.log.outcome).toBe('greeted');
    expect(added.sent).toHaveLength(1);
    expect(added.text).toContain('Xin chào cả nhóm');
    expect(added.text).toContain(MENTION);
    const again = await owner.addsBot();
    expect(again.sent).toEqual([]);
  });

  it('commands in any case; a photo with a caption question is answered, a bare photo gets the hint', async () => {
    const kim = bot.privateChat({ userId: 7330, firstName: 'Kim' });
    // The command menu was registered at start, in Vietnamese and English (the emulator lacks the method: the proxy answers).
    expect(bot.proxy.of('setMyCommands').map((p) => p.language_code ?? 'vi')).toEqual(expect.arrayContaining(['vi', 'en']));
    const start = await kim.say('/START');
    expect(start.text).toContain('Xin chào Kim');
    const help = await kim.say('/Help');
    expect(help.text).toContain('<b>Cách hỏi</b>');
    const summary = await kim.say('/Tomtat quận 8');
    expect(summary.log.intent).toBe('summary');
    expect(lines(summary)[0]).toContain('Quận 8');
    expect(summary.text).not.toContain(vi.unknownCommand);

    const photo = [{ file_id: 'ph1', file_unique_id: 'ph1', width: 800, height: 600 }];
    const captioned = await kim.send({ photo, caption: CHAIR_Q8 });
    expect(captioned.text).toContain(Q8_CHAIR);
    expect(captioned.text).not.toContain(vi.nonText);
    const bare = await kim.send({ photo });
    expect(bare.text).toBe(vi.nonText);
  });

  it('an edited question is answered again by editing the earlier answer', async () => {
    const vy = bot.privateChat({ userId: 7340, firstName: 'Vy' });
    const asked = await vy.say('Ai chủ trì hội nghị Quận 11?');
    expect(asked.text).toContain(Q11_CHAIR);
    const edited = await vy.edit(asked, CHAIR_Q8);
    expect(edited.log.outcome).toBe('edited');
    expect(edited.sent).toEqual([]);
    expect(edited.calls.filter((c) => c.method === 'editMessageText').map((c) => Number(c.payload.message_id))).toContain(asked.last!.messageId);
    const answer = vy.messages().find((m) => m.messageId === asked.last!.messageId)!;
    expect(answer.message.text).toContain(Q8_CHAIR);
    expect(answer.message.text).not.toContain(Q11_CHAIR);
    // Its buttons are the new answer's.
    const tap = await vy.tap(answer, '[1]');
    expect(tap.text).toContain(Q8_CHAIR);
  });

  it("one language per user: the question's language, else the client's", async () => {
    const john = bot.privateChat({ userId: 7350, firstName: 'John', languageCode: 'en' });
    const start = await john.say('/start');
    expect(start.text).toContain('Hello John');
    const help = await john.say('/help');
    expect(help.text).not.toContain('Cách hỏi');
    // "hi" says no language: the client's.
    const hi = await john.say('hi');
    expect(hi.log.intent).toBe('smalltalk');
    expect(hi.text).toMatch(/^Hello/);
    expect((await john.say('/help')).text).not.toContain('Cách hỏi');
    const english = await john.say('Who chaired the 8th conference of District 8?');
    expect(english.text).toContain(Q8_CHAIR);
    expect(english.text).toContain('<b>Sources:</b>');
    const vietnamese = await john.say(CHAIR_Q8);
    expect(vietnamese.text).toContain('<b>Nguồn:</b>');
    const limited = await john.say('/khong-co');
    expect(limited.text).toBe(vi.unknownCommand);
    // A Vietnamese client asking in English gets English.
    const thu = bot.privateChat({ userId: 7351, firstName: 'Thu', languageCode: 'vi' });
    const asked = await thu.say('Who chaired the 8th conference of District 8?');
    expect(asked.text).toContain('<b>Sources:</b>');
    const unknown = await thu.say('/nope');
    expect(unknown.text).toBe(en.unknownCommand);
  });

  it('admins: a non-article is refused with why, a duplicate recognised, /baiviet lists, /xoa removes', async () => {
    const admin = bot.privateChat({ userId: ADMIN, firstName: 'Quản trị' });
    const doc = (name: string, text: string, id: string) => {
      const bytes = new TextEncoder().encode(text);
      bot.proxy.addFile(id, bytes);
      return { document: { file_id: id, file_unique_id: `u${id}`, file_name: name, mime_type: 'text/plain', file_size: bytes.length } };
    };
    const notes = await admin.send(doc('notes.md', NOTES, 'notes1'));
    expect(notes.log.outcome).toBe('not_article');
    expect(notes.text).toBe(vi.uploadNotArticle('notes.md'));

    const added = await admin.send(doc('quan-5.txt', ARTICLE, 'article1'));
    expect(added.log.outcome).toBe('ingested');
    expect(added.text).toContain('Đã nạp');
    expect(added.text).toContain('Trần Minh Khải');
    const answered = await admin.say('Ai chủ trì hội nghị lần thứ 9 Quận 5?');
    expect(answered.text).toContain('Trần Minh Khải');

    const again = await admin.send(doc('quan-5-lan-2.txt', ARTICLE, 'article2'));
    expect(again.log.outcome).toBe('duplicate');
    expect(again.text).toContain('đã có trong dữ liệu');
    expect(again.text).toContain('Quản trị');

    const listed = await admin.say('/baiviet');
    const id = /<b>([a-f0-9]{4,16})<\/b> — /.exec(listed.text)?.[1];
    expect(id, listed.text).toBeDefined();
    expect(listed.text).toContain('Quận 5');
    expect(labels(listed)).toContain(vi.removeButton(id!));

    const someone = bot.privateChat({ userId: 7360, firstName: 'Khách' });
    expect((await someone.say('/baiviet')).text).toBe(vi.adminOnlyCommand);
    expect((await someone.send(doc('bai.txt', ARTICLE, 'article3'))).text).toBe(vi.adminOnlyUpload);

    const removed = await admin.say(`/xoa ${id}`);
    expect(removed.log.outcome).toBe('removed');
    expect(removed.text).toContain('Đã gỡ');
    expect((await admin.say('/baiviet')).text).toContain(vi.articlesEmpty);
    const gone = await admin.say('Ai chủ trì hội nghị lần thứ 9 Quận 5?');
    expect(gone.text).not.toContain('Trần Minh Khải');
  });

  it('after a restart, old answers keep their buttons: citations, choices and feedback', async () => {
    const nam = bot.privateChat({ userId: 7370, firstName: 'Nam' });
    const asked = await nam.say('ai chủ trì?');
    const answer = await nam.say(CHAIR_Q8);
    const GROUP = { id: -1007370, title: 'Tổ 7' };
    const member = bot.group(GROUP, { userId: 7371, firstName: 'Phúc' });
    const inGroup = await member.say(`${MENTION} ${CHAIR_Q8}`);

    await bot.restart();

    const cite = await nam.tap(answer.last, '[1]');
    expect(cite.text).toContain(Q8_CHAIR);
    expect(cite.callbackAnswer?.text).toBeUndefined();
    const choice = await nam.tap(asked.last, 'Quận 11');
    expect(choice.text).toContain(Q11_CHAIR);
    const down = await nam.tap(answer.last, '👎');
    expect(down.callbackAnswer?.text).toBe(vi.feedbackAskReason);
    expect((await bot.feedback()).filter((r) => r.userId === 7370)).toEqual([expect.objectContaining({ rating: 'down', question: CHAIR_Q8 })]);
    const alert = await member.tap(inGroup.last, '[1]');
    expect(alert.callbackAnswer?.show_alert).toBe(true);
    expect(alert.callbackAnswer?.text).toContain(Q8_CHAIR);
  }, 240_000);
});

describe('issue 14: the terminal chat, piped and on a terminal', () => {
  let index: string;
  beforeAll(async () => {
    index = (await buildSeedIndex()).dir;
  }, 120_000);

  it('piped stdin: /help, /quan and /tomtat quận 8 are commands; each quote once; only JSON lines on stderr', async () => {
    const r = await runCli('start.ts', [], ['/help', '/quan', '/tomtat quận 8', CHAIR_Q8, 'cảm ơn', ''].join('\n'), { INDEX_DIR: index, INDEX_READ_ONLY: 'true' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Cách hỏi');
    expect(r.stdout).toMatch(/Các đơn vị có dữ liệu \(\d+\):/);
    expect(r.stdout).not.toContain(vi.unknownCommand);
    expect(r.stdout).not.toContain('Không tìm thấy');
    // The chair answer prints its proof once (the summary before it quotes the same sentence in its own sources).
    const quote = 'Đồng chí Võ Ngọc Quốc Thuận, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị.';
    expect(r.stdout.slice(r.stdout.lastIndexOf('Người chủ trì:')).split(quote).length - 1).toBe(1);
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it.skipIf(!findBinary('script'))('a pseudo-terminal: the greeting first (no JSON log lines), commands work, each quote once', async () => {
    // util-linux script gives the chat a terminal on stdin, stdout and stderr.
    const command = `${TSX} src/cli/start.ts`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: PROJECT_ROOT,
      env: { ...CLI_ENV, INDEX_DIR: index, INDEX_READ_ONLY: 'true', LOG_LEVEL: '', TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const until = async (test: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!test()) {
        if (child.exitCode !== null) throw new Error(`the chat exited before ${what}:\n${out}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${out}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const prompts = () => out.split('\n> ').length - 1 + (out.startsWith('> ') ? 1 : 0);
    try {
      await until(() => out.includes('> '), 'the prompt');
      const greeting = out.slice(0, out.indexOf('> '));
      expect(greeting).not.toMatch(/^\s*\{"/m);
      expect(greeting.trim().length).toBeGreaterThan(0);
      const inputs = ['/help', '/quan', '/tomtat quận 8', CHAIR_Q8];
      for (const line of inputs) {
        const seen = prompts();
        child.stdin!.write(`${line}\r`);
        await until(() => prompts() > seen, `the answer to ${line}`);
      }
      child.stdin!.write('\x04');
      await until(() => child.exitCode !== null, 'the end of the chat');
      const text = out.replace(/\r/g, '');
      expect(text).not.toMatch(/^\s*\{"level"/m);
      expect(text).toContain('Cách hỏi');
      expect(text).toMatch(/Các đơn vị có dữ liệu \(\d+\):/);
      expect(text).not.toContain(vi.unknownCommand);
      const quote = 'Đồng chí Võ Ngọc Quốc Thuận, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị.';
      expect(text.slice(text.lastIndexOf('Người chủ trì:')).split(quote).length - 1).toBe(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
