/**
 * Dictionary-free compound words of a question, from corpus statistics.
 *
 * Vietnamese writes words as space-separated syllables ("kết nạp", "dân số", "đầu tiên"); no word list ships
 * with the project. A question's adjacent syllable pairs are either compounds ("kỷ niệm") or accidental
 * pairs across a word boundary ("niệm sự" in "kỷ niệm sự kiện"). The corpus tells them apart: compounds
 * are frequent, accidental pairs rare or absent.
 *
 * Contracts (`segmentCompounds`, pure; `df` gives a pair's document frequency in the corpus, 0 = absent):
 * - Only pairs of two content syllables are candidates: never a function word (question words and
 *   particles: "là", "bao", "mấy", …) unless the pair is a known word with one ("chỉ_định"), never a number,
 *   never a lowercase syllable before a capitalised one.
 * - A candidate pair found in the corpus is a compound unless an overlapping neighbour pair is more than
 *   1 / RIVAL_RATIO times as frequent (then it straddles a word boundary). So "kỷ niệm sự kiện" → kỷ_niệm +
 *   sự_kiện ("niệm sự" is absent), "họp ban chấp hành" → ban_chấp + chấp_hành ("họp ban" is rare next to
 *   "ban chấp"); a three-syllable word gives two overlapping compounds.
 * - `singles`: content syllables left outside compounds and unknown pairs (stopwords and numbers excluded).
 * - `unknown`: adjacent candidate pairs absent from the corpus whose two syllables form no corpus pair with
 *   their other neighbours either ("dân số" when no passage says "dân số"): a concept the corpus never
 *   mentions. "Hiếu giữ" in "Nguyễn Văn Hiếu giữ chức" is not unknown ("văn hiếu" is in the corpus). A pair
 *   of two stopwords, or with a capitalised syllable (a name next to a word: "Gandhi sinh"), is never unknown.
 */

export interface Segmentation {
  /** Compound words found in the corpus, "a_b", in question order. */
  compounds: string[];
  /** Content syllables outside compounds. */
  singles: string[];
  /** Content pairs the corpus never contains, outside compounds. */
  unknown: string[];
}

export interface SegmentOptions {
  /** Per syllable: printed with a capital initial. A lowercase syllable followed by a capitalised one is a
   * word boundary (a name or title starts there: "tên Paname", "tay Iraq", "đồng chí Nguyễn"). */
  caps?: ReadonlyArray<ReadonlyArray<boolean>>;
  /** Syllables that never form a compound (question words, particles)… */
  isFunction: (syllable: string) => boolean;
  /** …except in these words ("chỉ_định": "chỉ" is otherwise "only"). */
  isFunctionCompound?: (pair: string) => boolean;
  /** Frequent domain syllables ("quận", "số"): they may form compounds but are not content alone. */
  isStop: (syllable: string) => boolean;
  /** Document frequency of a pair "a_b" (0 when absent). */
  df: (pair: string) => number;
}

const isNumber = (s: string) => /^\d/.test(s);

/** A pair less frequent than this share of an overlapping neighbour pair is taken as accidental. */
export const RIVAL_RATIO = 0.1;

export function segmentCompounds(clauses: ReadonlyArray<ReadonlyArray<string>>, o: SegmentOptions): Segmentation {
  const compounds: Array<[number, number, string]> = []; // [clause, position, pair]
  const singles: string[] = [];
  const unknown: string[] = [];
  clauses.forEach((syl, ci) => {
    const cap = o.caps?.[ci];
    const candidate = (i: number) =>
      i + 1 < syl.length &&
      !isNumber(syl[i]!) &&
      !isNumber(syl[i + 1]!) &&
      ((!o.isFunction(syl[i]!) && !o.isFunction(syl[i + 1]!)) || o.isFunctionCompound?.(`${syl[i]}_${syl[i + 1]}`) === true) &&
      !(cap && !cap[i] && cap[i + 1]);
    const freq = new Map<number, number>();
    for (let i = 0; i + 1 < syl.length; i++) if (candidate(i)) freq.set(i, o.df(`${syl[i]}_${syl[i + 1]}`));
    const taken = new Set<number>();
    for (const [i, f] of freq) {
      if (f === 0) continue;
      // An overlapping neighbour pair much more frequent marks this one as accidental ("họp ban" next to
      // "ban chấp"); overlapping pairs of similar frequency are both kept ("ban chấp" + "chấp hành").
      const rival = Math.max(freq.get(i - 1) ?? 0, freq.get(i + 1) ?? 0);
      if (f < RIVAL_RATIO * rival) continue;
      taken.add(i);
      taken.add(i + 1);
      compounds.push([ci, i, `${syl[i]}_${syl[i + 1]}`]);
    }
    // A syllable in some corpus pair with a neighbour (even one not taken) is known in context.
    const known = new Set<number>();
    for (const [i, f] of freq) {
      if (f === 0) continue;
      known.add(i);
      known.add(i + 1);
    }
    const inUnknown = new Set<number>();
    for (const [i] of freq) {
      if (known.has(i) || known.has(i + 1)) continue;
      if (o.isStop(syl[i]!) && o.isStop(syl[i + 1]!)) continue;
      if (cap && (cap[i] || cap[i + 1])) continue; // a name next to a word ("Gandhi sinh") is not a compound
      unknown.push(`${syl[i]}_${syl[i + 1]}`);
      inUnknown.add(i);
      inUnknown.add(i + 1);
    }
    syl.forEach((s, i) => {
      if (!taken.has(i) && !inUnknown.has(i) && !isNumber(s) && !o.isFunction(s) && !o.isStop(s)) singles.push(s);
    });
  });
  compounds.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { compounds: compounds.map((c) => c[2]), singles: [...new Set(singles)], unknown };
}
