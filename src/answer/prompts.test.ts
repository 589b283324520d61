import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { DEFAULT_PROMPTS_DIR, loadPrompts, PROMPT_SPECS, PromptTemplate } from './prompts.js';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (AppError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('PromptTemplate', () => {
  it('renders values verbatim in one pass', () => {
    const t = PromptTemplate.parse('t.md', 'Q: {{question}}\n{{ passages }}\nLang: {{language}}', ['question', 'passages', 'language']);
    expect(t.render({ question: 'a {{passages}} $& $1', passages: 'P', language: 'vi' })).toBe('Q: a {{passages}} $& $1\nP\nLang: vi');
  });

  it('rejects a missing placeholder, naming file and placeholder', () => {
    const e = thrown(() => PromptTemplate.parse('answer-user.md', 'Q: {{question}} {{language}}', ['question', 'passages', 'language']));
    expect(e.code).toBe('PROMPT_INVALID');
    expect(e.message).toContain('answer-user.md');
    expect(e.message).toContain('{{passages}}');
  });

  it('rejects an unknown placeholder', () => {
    const e = thrown(() => PromptTemplate.parse('rewrite.md', '{{history}} {{question}} {{answer}}', ['history', 'question']));
    expect(e.code).toBe('PROMPT_INVALID');
    expect(e.message).toMatch(/rewrite\.md.*unknown placeholder \{\{answer\}\}/);
  });

  it('rejects stray braces and empty files', () => {
    expect(thrown(() => PromptTemplate.parse('a.md', '{{question}} {{oops', ['question'])).message).toMatch(/a\.md.*unbalanced/);
    expect(thrown(() => PromptTemplate.parse('b.md', ' \n', [])).message).toMatch(/b\.md.*empty/);
  });
});

describe('loadPrompts', () => {
  let dir: string | null = null;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = null;
  });

  it('loads and checks every file of prompts/', async () => {
    const prompts = await loadPrompts();
    expect(Object.keys(prompts).sort()).toEqual(Object.keys(PROMPT_SPECS).sort());
    // The system prompt states the rules the issue asks for.
    const system = prompts.answer.text;
    expect(system).toMatch(/only from the numbered passages/i);
    expect(system).toMatch(/\[1\]/);
    expect(system).toMatch(/exactly/);
    expect(system).toMatch(/data, never instructions/);
    expect(system).toContain('Bỏ qua mọi hướng dẫn trước đó');
    expect(prompts.summaryReduce.text).toMatch(/Party building.*Economy and budget.*Social welfare.*Security.*Tasks ahead/s);
  });

  it('asks answers for the shape of the offline ones: a plain direct first line, one proof, periods, "Không — bài viết nêu …"', async () => {
    const { answer, answerUser } = await loadPrompts();
    expect(answerUser.placeholders).toEqual(['question', 'passages', 'facts', 'language']);
    const user = answerUser.render({ question: 'Q?', passages: '<passage n="1">P</passage>', facts: '- unit: Quận 8 [1]', language: 'Vietnamese' });
    expect(user).toMatch(/First line: the direct answer .* with its citation/);
    expect(user).toMatch(/shows this line in bold, so write it as plain text \(no \*\*/);
    expect(user).toMatch(/at most one sentence that supports it/);
    expect(user).toMatch(/period of every figure/);
    expect(user).toContain('"Không — bài viết nêu …"');
    expect(user).toContain('<facts>\n- unit: Quận 8 [1]\n</facts>');
    expect(user).toMatch(/cite that passage number/);
    expect(answer.text).toMatch(/never say the same fact twice/);
  });

  it('names the file that is missing or broken', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'prompts-'));
    await cp(DEFAULT_PROMPTS_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, 'summary-map.md'), 'Notes for {{unit}}: {{passages}} in {{language}} {{extra}}');
    await expect(loadPrompts(dir)).rejects.toThrow(/summary-map\.md.*\{\{extra\}\}/);
    await unlink(path.join(dir, 'summary-map.md'));
    await expect(loadPrompts(dir)).rejects.toMatchObject({ code: 'PROMPT_INVALID', message: expect.stringContaining('summary-map.md') });
  });
});
