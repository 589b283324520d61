import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../ingest/load.js';
import { SEEDS_DIR, tempDir } from '../testing/seed-index.js';
import { SCALE_NUMBER_STEP, scaledCopy, writeScaledCorpus } from './scale.js';

describe('scale corpus', () => {
  it('re-dates and re-numbers a copy, under a new id', () => {
    const doc = { id: 'a.txt', title: 'Hội nghị lần thứ 18 năm 2023', url: null, date: '2023-08-12', text: 'Ngày 12/8/2023, hội nghị lần thứ 18; thu 2.023 tỷ, 104,99%.' };
    const c = scaledCopy(doc, 2);
    expect(c.id).toBe('a.txt~2');
    expect(c.title).toBe(`Hội nghị lần thứ ${18 + 2 * SCALE_NUMBER_STEP} năm 2025`);
    expect(c.date).toBe('2025-08-12');
    expect(c.text).toBe(`Ngày 12/8/2025, hội nghị lần thứ ${18 + 2 * SCALE_NUMBER_STEP}; thu 2.023 tỷ, 104,99%.`);
  });

  it('writes k copies of every article as JSON Lines the ingest reads back', async () => {
    const dir = await tempDir('dangbo-scale-');
    expect(await writeScaledCorpus([SEEDS_DIR], 3, dir)).toBe(15);
    expect((await readdir(dir)).every((f) => f.endsWith('.jsonl.gz'))).toBe(true);
    const ids: string[] = [];
    for await (const d of loadDocuments([dir])) ids.push(d.id);
    expect(ids).toHaveLength(15);
    expect(new Set(ids).size).toBe(15);
    expect(ids.filter((id) => id.endsWith('~2'))).toHaveLength(5);
    expect(path.basename(dir)).toMatch(/^dangbo-scale-/);
  });
});
