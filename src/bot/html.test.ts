import { describe, expect, it } from 'vitest';
import { decodeEntities, escapeHtml, htmlToPlain, link, splitHtml, TELEGRAM_TEXT_LIMIT } from './html.js';

/** Tags of one part must nest and close properly. */
function assertBalanced(part: string): void {
  const stack: string[] = [];
  for (const m of part.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/g)) {
    if (m[1] === '/') expect(stack.pop(), `closing </${m[2]}> in ${part.slice(0, 80)}`).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
}

describe('escapeHtml', () => {
  it('escapes the characters Telegram HTML reserves, and quotes for attributes', () => {
    expect(escapeHtml('<script>alert("x")</script> & <b>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
  });
  it('leaves Vietnamese text untouched', () => {
    expect(escapeHtml('Quận ủy Quận 8 — lần thứ 8')).toBe('Quận ủy Quận 8 — lần thứ 8');
  });
  it('round-trips through decodeEntities', () => {
    const hostile = 'a &amp; b <i>unclosed "q" &#x41;';
    expect(decodeEntities(escapeHtml(hostile))).toBe(hostile);
  });
});

describe('link', () => {
  it('links http(s) URLs and escapes both parts', () => {
    expect(link('https://x.vn/a?b=1&c="2"', 'A & B')).toBe('<a href="https://x.vn/a?b=1&amp;c=&quot;2&quot;">A &amp; B</a>');
  });
  it('refuses other schemes', () => {
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(link(null, '<t>')).toBe('&lt;t&gt;');
  });
});

describe('htmlToPlain', () => {
  it('strips tags, decodes entities and keeps link targets', () => {
    expect(htmlToPlain('<b>Nguồn:</b>\n[1] <a href="https://x.vn/?a=1&amp;b=2">Bài &lt;1&gt;</a>')).toBe(
      'Nguồn:\n[1] Bài <1> (https://x.vn/?a=1&b=2)',
    );
  });
});

describe('splitHtml', () => {
  it('returns short messages unchanged', () => {
    expect(splitHtml('<b>a</b> b')).toEqual(['<b>a</b> b']);
  });

  it('splits long text below the limit on paragraph boundaries', () => {
    const para = (i: number) => `Đoạn ${i}. ` + 'Nội dung hội nghị được tường thuật chi tiết. '.repeat(30).trim();
    const html = Array.from({ length: 10 }, (_, i) => para(i)).join('\n\n');
    expect(html.length).toBeGreaterThan(TELEGRAM_TEXT_LIMIT);
    const parts = splitHtml(html);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThan(TELEGRAM_TEXT_LIMIT);
      expect(p.startsWith('Đoạn ')).toBe(true); // every part starts at a paragraph
      expect(p.endsWith('.')).toBe(true);
    }
    expect(parts.join('\n\n')).toBe(html);
  });

  it('falls back to sentence boundaries inside one huge paragraph', () => {
    const html = Array.from({ length: 200 }, (_, i) => `Câu số ${i} nói về nghị quyết.`).join(' ');
    const parts = splitHtml(html, 1000);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p).toMatch(/^Câu số \d+ .*nghị quyết\.$/);
    }
    expect(parts.join(' ')).toBe(html);
  });

  it('cuts hard (never inside an entity or surrogate pair) when there is no space at all', () => {
    const html = ('x&amp;😀').repeat(500);
    const parts = splitHtml(html, 100);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(100);
      expect(p).toMatch(/^(x|&amp;|😀)+$/u);
    }
    expect(parts.join('')).toBe(html);
  });

  it('never cuts inside a tag and keeps tags balanced, reopening them with their attributes', () => {
    const quote = 'Trích dẫn dài về hội nghị của Quận ủy. '.repeat(60);
    const html = `Mở đầu.\n\n<blockquote>${quote.trim()}</blockquote>\n\n<b>Nguồn:</b>\n[1] <a href="https://x.vn/a">${'Tiêu đề '.repeat(40)}</a> — Quận 8`;
    const parts = splitHtml(html, 500);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(500);
      assertBalanced(p);
      expect(p).not.toMatch(/<[^>]*$/); // no dangling "<a hre"
    }
    const continued = parts.filter((p) => p.startsWith('<blockquote>'));
    expect(continued.length).toBeGreaterThan(1);
    const linkParts = parts.filter((p) => p.includes('Tiêu đề'));
    for (const p of linkParts) expect(p).toContain('<a href="https://x.vn/a">');
    expect(htmlToPlain(parts.join(' ')).replace(/\s+/g, ' ')).toContain('Mở đầu.');
  });

  it('drops parts that would carry no visible text', () => {
    const parts = splitHtml(`<b>${'a'.repeat(50)}</b>\n\n\n\n${'b'.repeat(50)}`, 60);
    for (const p of parts) expect(htmlToPlain(p).trim()).not.toBe('');
  });
});
