import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/seed-index.js';
import { isQuestionRecord, isQuestionSet, readJsonl, sortInputs } from './inputs.js';

let dir: string;
const article = { id: 'a1', title: 'T', date: null, url: null, text: 'Nội dung.' };
const question = { id: 'v1', question: 'Ai?', answers: ['X'], passage_id: 'a1' };

beforeAll(async () => {
  dir = await tempDir('dangbo-eval-inputs-');
  await mkdir(path.join(dir, 'corpus', 'sub'), { recursive: true });
  await writeFile(path.join(dir, 'corpus', 'passages.jsonl.gz'), gzipSync(`${JSON.stringify(article)}\n`));
  await writeFile(path.join(dir, 'corpus', 'sub', 'dev.jsonl.gz'), gzipSync(`\n${JSON.stringify(question)}\n${JSON.stringify(question)}\n`));
  await writeFile(path.join(dir, 'corpus', 'notes.pdf'), 'not a corpus');
  await writeFile(path.join(dir, 'corpus', 'a.txt'), 'Quận 12.');
  await mkdir(path.join(dir, 'plain'), { recursive: true });
  await writeFile(path.join(dir, 'plain', 'a.jsonl'), `${JSON.stringify(article)}\n`);
});

describe('eval inputs', () => {
  it.each([
    [question, true],
    [article, false],
    [{ question: 'x', text: 'y' }, false],
    [null, false],
    ['question', false],
  ])('isQuestionRecord(%j) = %s', (record, want) => {
    expect(isQuestionRecord(record)).toBe(want);
  });

  it('reads plain and gzip JSON Lines, skipping blank lines', async () => {
    expect(await readJsonl(path.join(dir, 'corpus', 'sub', 'dev.jsonl.gz'))).toEqual([question, question]);
    expect(await readJsonl(path.join(dir, 'plain', 'a.jsonl'))).toEqual([article]);
  });

  it('tells question sets from corpora by their first record', async () => {
    expect(await isQuestionSet(path.join(dir, 'corpus', 'sub', 'dev.jsonl.gz'))).toBe(true);
    expect(await isQuestionSet(path.join(dir, 'corpus', 'passages.jsonl.gz'))).toBe(false);
    expect(await isQuestionSet(path.join(dir, 'corpus', 'a.txt'))).toBe(false);
  });

  it('splits a folder holding a question set into its corpus files and the question set', async () => {
    const r = await sortInputs([path.join(dir, 'corpus'), path.join(dir, 'plain')]);
    expect(r.questionSets).toEqual([path.join(dir, 'corpus', 'sub', 'dev.jsonl.gz')]);
    expect(r.corpora).toEqual([path.join(dir, 'corpus', 'a.txt'), path.join(dir, 'corpus', 'passages.jsonl.gz'), path.join(dir, 'plain')]);
  });

  it('passes files and missing paths through as corpora (ingest reports missing ones)', async () => {
    const missing = path.join(dir, 'nope.jsonl');
    const r = await sortInputs([path.join(dir, 'plain', 'a.jsonl'), missing, path.join(dir, 'corpus', 'sub', 'dev.jsonl.gz')]);
    expect(r).toEqual({ corpora: [path.join(dir, 'plain', 'a.jsonl'), missing], questionSets: [path.join(dir, 'corpus', 'sub', 'dev.jsonl.gz')], datasets: [] });
  });
});
