import { beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { planQuery } from '../retrieve/query/plan.js';
import { createRetriever, type Retriever } from '../retrieve/retriever.js';
import { buildSeedIndex } from '../testing/seed-index.js';
import { ABLATIONS, ablationRanking } from './ablation.js';

const Q8 = '002_38b2f8d630866424.txt';
let index: IndexSnapshot;
let retriever: Retriever;
const embedder = new LocalHashEmbeddings();

beforeAll(async () => {
  index = await openIndex((await buildSeedIndex()).dir);
  retriever = createRetriever(index);
});

describe('ablation', () => {
  it('names every configuration once, production first', () => {
    expect(ABLATIONS[0]!.omit).toBeUndefined();
    expect(ABLATIONS[0]!.weights).toBeUndefined();
    expect(new Set(ABLATIONS.map((a) => a.name)).size).toBe(ABLATIONS.length);
  });

  it('ranks distinct articles; filters keep a district question inside its district', () => {
    const plan = planQuery('Quận 8 thu ngân sách đạt bao nhiêu phần trăm dự toán?');
    const vector = embedder.embed(plan.text);
    const byName = (name: string) => ABLATIONS.find((a) => a.name === name)!;
    const production = ablationRanking(retriever, plan, vector, ABLATIONS[0]!);
    expect(production).toEqual([Q8]);
    const unfiltered = ablationRanking(retriever, plan, vector, byName('− filters'));
    expect(unfiltered[0]).toBe(Q8);
    expect(unfiltered.length).toBeGreaterThan(1);
    expect(new Set(unfiltered).size).toBe(unfiltered.length);
    // The vector view alone still retrieves (its offline production weight is 0; the row weighs it 1).
    expect(ablationRanking(retriever, plan, vector, byName('vector view only'))).toEqual([Q8]);
  });
});
