/** Sample values for bot tests (Answer, CorpusInfo, EventCard, the Telegram config), shaped like the real ones. */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { makeUnit } from '../text/units.js';
import { syntheticCard } from './synthetic-card.js';
import type { Answer, AskRequest, Citation, CorpusInfo, EventCard } from '../types.js';

/**
 * A complete Telegram config section: a test token, the default API root, polling (no webhook), every chat and no
 * admin, 100 questions a minute, 1 MB uploads, no streaming, state in memory, feedback under os.tmpdir(); `overrides` win.
 */
export function telegramConfig(overrides: Partial<Config['telegram']> = {}): Config['telegram'] {
  return {
    token: '123456:TEST-token',
    apiRoot: undefined,
    webhookUrl: undefined,
    webhookSecret: undefined,
    webhookPort: 0,
    webhookHost: '127.0.0.1',
    allowedChatIds: [],
    adminIds: [],
    rateLimitPerMinute: 100,
    feedbackLog: path.join(tmpdir(), 'feedback.jsonl'),
    stateDir: path.join(tmpdir(), 'dangbo-bot-state'),
    maxUploadBytes: 1_000_000,
    stream: false,
    ...overrides,
  };
}

export const CORPUS: CorpusInfo = {
  articleCount: 5,
  firstDate: '2021-10-12',
  lastDate: '2023-10-05',
  units: [
    { id: 'quan-8', label: 'Quận 8', province: 'TP.HCM', articleCount: 1, firstDate: '2022-07-12', lastDate: '2022-07-12' },
    { id: 'quan-12', label: 'Quận 12', province: 'TP.HCM', articleCount: 1, firstDate: '2023-03-30', lastDate: '2023-03-30' },
    { id: 'quan-binh-tan', label: 'quận Bình Tân', province: 'TP.HCM', articleCount: 1, firstDate: '2023-10-05', lastDate: '2023-10-05' },
    { id: 'quan-11', label: 'Quận 11', province: 'TP.HCM', articleCount: 1, firstDate: '2021-10-12', lastDate: '2021-10-12' },
  ],
};

export function citation(n: number, overrides: Partial<Citation> = {}): Citation {
  return {
    n,
    source: '002_38b2f8d630866424.txt',
    title: 'Tăng tốc triển khai các giải pháp phục hồi, phát triển kinh tế -xã hội',
    unit: 'Quận 8',
    date: '2022-07-12',
    quote: 'Đồng chí Võ Ngọc Quốc Thuận, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị.',
    url: 'https://thanhuytphcm.vn/tin-tuc/quan-8-hoi-nghi-lan-thu-8',
    chunkId: `002_38b2f8d630866424.txt#${n}`,
    ...overrides,
  };
}

/** An Answer as a pipeline returns it; `question` may be a command's request (its text is used). */
export function answer(overrides: Partial<Omit<Answer, 'question'>> & { question?: string | AskRequest } = {}): Answer {
  const { question, ...rest } = overrides;
  return {
    question: typeof question === 'object' ? question.text : (question ?? 'Ai chủ trì hội nghị lần thứ 8 Quận 8?'),
    answer: 'Đồng chí Võ Ngọc Quốc Thuận, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị [1].',
    grounded: true,
    intent: 'chair',
    mode: 'extractive',
    citations: [citation(1)],
    language: 'vi',
    ...rest,
  };
}

export const NOT_GROUNDED: Answer = {
  question: 'Giá vàng hôm nay?',
  answer: 'Các bài viết hiện có không nói về điều này.',
  grounded: false,
  intent: 'fact',
  mode: 'extractive',
  citations: [],
  language: 'vi',
};

export function eventCard(overrides: Partial<EventCard> = {}): EventCard {
  const s = 'Đồng chí Võ Ngọc Quốc Thuận, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị.';
  return syntheticCard({
    articleId: 'moi.txt',
    title: { value: 'Hội nghị Ban Chấp hành Đảng bộ Quận 8 lần thứ 8', sentence: s },
    publishedAt: { value: '2022-10-06', sentence: s },
    meetingDate: { value: '2022-07-12', sentence: s },
    meetingEndDate: null,
    unit: { value: makeUnit('quận', '8', 'TP.HCM'), sentence: s },
    event: { value: 'conference', sentence: s },
    meetingNumber: { value: 8, sentence: s },
    khoa: { value: 'XII', sentence: s },
    term: { value: '2020-2025', sentence: s },
    chairs: [{ value: { name: 'Võ Ngọc Quốc Thuận', role: 'Thành ủy viên, Bí thư Quận ủy' }, sentence: s }],
    ...overrides,
  });
}

/** An article an admin uploads in the end-to-end tests: the 9th conference of Quận 5, chaired by Trần Minh Khải. */
export const UPLOADED_ARTICLE = [
  'Quận 5 tổ chức Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ quận khóa XII',
  '',
  'Ngày 15/8/2023, Ban Chấp hành Đảng bộ Quận 5 khóa XII, nhiệm kỳ 2020 - 2025 tổ chức Hội nghị lần thứ 9 để đánh giá tình hình thực hiện nhiệm vụ 6 tháng đầu năm.',
  '',
  'Đồng chí Trần Minh Khải, Bí thư Quận ủy Quận 5 chủ trì hội nghị.',
  '',
  'Trong 6 tháng đầu năm, Đảng bộ Quận 5 đã kết nạp 87 đảng viên mới, tổng thu ngân sách đạt 1.250 tỷ đồng.',
].join('\n');
