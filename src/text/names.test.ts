import { describe, expect, it } from 'vitest';
import { extractNames } from '../answer/verify.js';
import { firstName } from '../ingest/people.js';
import { nationalGazetteer } from './gazetteer.js';
import { FOLDED_SURNAMES, GIVEN_NAME_WORDS, SURNAMES } from './names.js';
import { fold } from './normalize.js';

const capitalised = (w: string) => w[0]!.toUpperCase() + w.slice(1);

describe('one name lexicon', () => {
  it('people, verify and the gazetteer agree on every family name', () => {
    const disagreements: string[] = [];
    for (const surname of SURNAMES) {
      const name = `${capitalised(surname)} Xuân Môn`;
      const sentence = `Đồng chí ${name} chủ trì hội nghị.`;
      if (firstName(sentence)?.name !== name) disagreements.push(`people: ${name}`);
      if (!extractNames(sentence).includes(name)) disagreements.push(`verify: ${name}`);
      // A district name right after a family name is part of a person's name, not the district.
      const person = `Ông ${capitalised(surname)} Thanh Xuân phát biểu.`;
      if (nationalGazetteer().find(person).length > 0) disagreements.push(`gazetteer: ${person}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('reads the names that used to be missing from one of the lists', () => {
    expect(extractNames('Đồng chí Lại Xuân Môn chủ trì hội nghị.')).toEqual(['Lại Xuân Môn']);
    expect(firstName('Đồng chí Cấn Văn Nam phát biểu.')?.name).toBe('Cấn Văn Nam');
  });

  it('an ambiguous family name followed by another family name is a common word', () => {
    expect(firstName('Đường Nguyễn Văn Linh được mở rộng.')?.name).toBe('Nguyễn Văn Linh');
  });

  it('given-name words also mark a person before a district name', () => {
    for (const w of GIVEN_NAME_WORDS) expect(nationalGazetteer().find(`Trần ${capitalised(w)} Bình Tân phát biểu.`)).toEqual([]);
  });

  it('derives the folded family names from the accented ones, leaving out common unaccented words', () => {
    for (const f of FOLDED_SURNAMES) expect([...SURNAMES].some((s) => fold(s) === f)).toBe(true);
    expect(FOLDED_SURNAMES.has('nguyen')).toBe(true);
    expect(FOLDED_SURNAMES.has('khong')).toBe(false);
    expect(FOLDED_SURNAMES.has('quan')).toBe(false);
  });
});
