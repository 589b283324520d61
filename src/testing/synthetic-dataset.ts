/** Test helper: a one-article synthetic labelled-dataset report (no article text involved). */
import type { Answer } from '../types.js';
import { scoreCards } from '../eval/card-scoring.js';
import type { GoldArticle } from '../eval/labelled-dataset.js';
import { goldLookup, scoreLabelledRow } from '../eval/labelled-questions.js';
import { labelledQuestionsPart, type LabelledDatasetReport } from '../eval/labelled-report.js';
import { makeUnit } from '../text/units.js';
import { sourced, syntheticCard } from './synthetic-card.js';

const GOLD: GoldArticle[] = [
  {
    file: '000_aaaa1111.txt', level: 'district', province: 'TP.HCM', district: 'huyện Cần Giờ', event: 'conference', meeting: 5,
    congress_term: null, term: null, published: null, meeting_date: null, chairs: [], directing: ['Nguyễn Văn A'],
  },
];

const answer = (text: string, source: string | null): Answer => ({
  question: 'x', answer: text, grounded: source !== null, intent: 'fact', mode: 'extractive',
  citations: source ? [{ n: 1, source, title: 't', unit: null, date: null, quote: text, url: null, chunkId: `${source}#0` }] : [],
});

/** A one-article dataset report: q1 right or not (per `q1Right`), n1 a refused negative. */
export function datasetReport(q1Right: boolean, meeting: number | null = 5): LabelledDatasetReport {
  const lookup = goldLookup(GOLD);
  const rows = [
    scoreLabelledRow({ id: 'q1', kind: 'fact', doc: 'aaaa1111', q: 'Hội nghị lần thứ mấy?', must: [['lần thứ 5']] },
      q1Right ? answer('Hội nghị lần thứ 5.', '000_aaaa1111.txt') : answer('Không tìm thấy.', null), ['000_aaaa1111.txt'], 1, lookup),
    scoreLabelledRow({ id: 'n1', kind: 'negative', doc: null, q: 'Giá vàng hôm nay?', must: [] }, answer('Không tìm thấy.', null), [], 1, lookup),
  ];
  const cards = scoreCards(GOLD, new Map([['000_aaaa1111.txt', { card: syntheticCard({ unit: sourced(makeUnit('huyện', 'Cần Giờ', 'TP.HCM')), event: sourced('conference'), meetingNumber: meeting === null ? null : sourced(meeting) }) }]]));
  return { name: 'dev', dir: '/tmp/dev', sameEvent: {}, cards, questions: labelledQuestionsPart(rows) };
}
