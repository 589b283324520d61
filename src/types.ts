/**
 * The pipeline's one vocabulary: Article → Chunk → Hit → Answer (with Citations).
 * Plain, JSON-serialisable data only (no class instances), so every stage can be
 * stored in the index, printed by the CLI or sent by the bot unchanged.
 */

/** A value extracted from an article, with the sentence it was read from (provenance). */
export interface Sourced<T> {
  value: T;
  /** The sentence of the cleaned article text the value was read from, verbatim (NFC). */
  sentence: string;
}

/** Kinds of administrative unit: district level (quận, huyện, thị xã, thành phố thuộc tỉnh), ward level (phường, xã,
 * thị trấn), and the province level (tỉnh, thành phố trực thuộc Trung ương). */
export type UnitKind = 'thành phố' | 'thị trấn' | 'thị xã' | 'phường' | 'huyện' | 'quận' | 'xã' | 'tỉnh';
export type UnitLevel = 'province' | 'city' | 'district' | 'ward';

/** An administrative unit whose Party committee meets (text/units.ts). Plain data. */
export interface Unit {
  /** Kind and folded name, ASCII kebab-case: "huyen-can-gio", "quan-3", "xa-can-gio". */
  id: string;
  /** The name without its kind word, as printed: "Cần Giờ", "3", "Bình Tân". */
  name: string;
  kind: UnitKind | null;
  /** How answers print it: "huyện Cần Giờ", "Quận 3". */
  label: string;
  level: UnitLevel | null;
  /** Canonical province name ("TP.HCM", "Bà Rịa - Vũng Tàu"), null when unknown. */
  province: string | null;
}

/** What meeting an article reports: a conference of the Ban Chấp hành, a congress (any of its sessions), or
 * something else (reviews, briefings, previews). */
export type EventKind = 'conference' | 'congress' | 'other';

/** A person named in an article, e.g. chair or attendee. */
export interface Person {
  /** Full name as printed: "Huỳnh Khắc Điệp". */
  name: string;
  /** Titles as printed before/after the name: "Thành ủy viên, Bí thư Quận ủy quận Bình Tân". May be "". */
  role: string;
}

/** An attendee: a person, and whether the text says they direct the meeting ("dự và chỉ đạo", "phát biểu chỉ đạo"). */
export interface Guest extends Person {
  directs: boolean;
}

/**
 * Structured facts about the meeting an article reports. Every field keeps the sentence it came from.
 * A field is null when the article does not state it; `chairNote` then says so in Vietnamese.
 */
export interface EventCard {
  articleId: string;
  title: Sourced<string>;
  /** Publication date "YYYY-MM-DD"; null when no full date is printed (a month-only stamp is no publication date). */
  publishedAt: Sourced<string> | null;
  /** Meeting date resolved to "YYYY-MM-DD": the first day of a multi-day meeting. */
  meetingDate: Sourced<string> | null;
  /** Last day "YYYY-MM-DD" when the meeting is printed as a range of days ("Trong 2 ngày (16, 17-7-2020)"), else null. */
  meetingEndDate: Sourced<string> | null;
  /** The unit whose Party committee meets (ingest/meeting.ts). */
  unit: Sourced<Unit> | null;
  /** What the article reports: a conference, a congress, or another meeting (ingest/meeting.ts). */
  event: Sourced<EventKind>;
  /** The conference's number: "Hội nghị … lần thứ 18" → 18. */
  meetingNumber: Sourced<number> | null;
  /** The congress's number: "Đại hội … lần thứ XXIV" → 24 (never a conference number). */
  congressNumber: Sourced<number> | null;
  /** The committee's khóa: "khóa XII" → "XII" (a congress's: the new committee's). */
  khoa: Sourced<string> | null;
  /** "nhiệm kỳ 2020-2025" → "2020-2025" (always with an ASCII hyphen, no spaces). */
  term: Sourced<string> | null;
  /** Who chaired ("chủ trì", "đồng chủ trì", "cùng chủ trì"), in printed order; empty when the article names no chair. */
  chairs: Sourced<Person>[];
  /** When no chair is named: who opened / concluded the meeting instead (may be empty). */
  openedBy: Sourced<Person> | null;
  concludedBy: Sourced<Person> | null;
  /** Human sentence explaining a missing chair, e.g. "Bài viết không nêu người chủ trì; …". Null when chairs are named. */
  chairNote: string | null;
  /** Guests in printed order ("dự và chỉ đạo", "Đến dự có", "Dự Đại hội có", "phát biểu chỉ đạo"), chairs excluded. */
  attendees: Sourced<Guest>[];
  /** Group attendee descriptions that are not persons ("đại diện các Ban Đảng Thành ủy; …"). */
  attendeeGroups: Sourced<string>[];
  author: Sourced<string> | null;
  /** Key figures the report prints, in printed order (ingest/figures.ts). */
  figures: Figure[];
  /** "Thanhuytphcm.vn", or inferred from the byline abbreviation, e.g. "(NTL)". */
  sourceSite: Sourced<string> | null;
}

/**
 * A key figure read from a sentence ("kết nạp được 596 đảng viên"): what it counts, its value, measure and period,
 * the unit of government whose report prints it. See ingest/figures.ts for how each field is read.
 */
export interface Figure {
  /** Folded syllables naming what is counted: "ket nap dang vien", "thu ngan sach nha nuoc". */
  indicator: string;
  value: number;
  /** The measure as printed, lowercase: "đảng viên", "tỷ đồng", "%", "%/năm", "% dự toán". */
  measure: string;
  /** The figure as printed, with its qualifier and measure: "hơn 3.200 tỷ đồng". */
  text: string;
  /** "2020-2025", "giữa nhiệm kỳ 2020-2025", "9 tháng đầu năm 2021", "năm 2019", … or null when none is printed. */
  period: string | null;
  /** The sentence the period was read from, when not `sentence` (an earlier sentence, the title or the lead). */
  periodSentence?: string;
  /** The report's unit (the card's unit id), or null. */
  unitId: string | null;
  /** The sentence the figure was read from, verbatim. */
  sentence: string;
}

/** One article after loading and cleaning. */
export interface Article {
  /** Stable id: the file name for files (e.g. "000_8560dab47670abcc.txt"), the record's `id` for JSON Lines. */
  id: string;
  title: string;
  url: string | null;
  /** "YYYY-MM-DD", null when unknown. */
  publishedAt: string | null;
  /** Cleaned body, NFC; paragraphs separated by a blank line ("\n\n"). */
  text: string;
  card: EventCard;
  /** sha256 (hex) of the raw input record, used for incremental re-ingest. */
  contentHash: string;
  /**
   * Instructions to an AI assistant found in the text and moved out of it at ingest (ingest/clean.ts): never quoted,
   * never sent to a model; reported to admins. Absent when none.
   */
  instructions?: string[];
}

/** An article as the index stores it: everything but the text (its chunks hold that). */
export type StoredArticle = Omit<Article, 'text'>;

/**
 * What the filters, the gazetteer and collection listings read of every article: a compact row of its card, held in
 * memory for the whole index (full articles are read on demand). `articleRow` (index/article-rows.ts) derives it.
 */
export interface ArticleRow {
  id: string;
  title: string;
  publishedAt: string | null;
  event: EventKind;
  unit: Unit | null;
  /** The unit is a foreign place (no Vietnamese letter, unknown to the national list): no gazetteer entry. */
  foreignUnit: boolean;
  meetingNumber: number | null;
  congressNumber: number | null;
  term: string | null;
  khoa: string | null;
  meetingDate: string | null;
}

/** Article metadata copied onto every chunk (denormalised so a chunk is self-contained). */
export interface ChunkMeta {
  articleId: string;
  title: string;
  url: string | null;
  unitId: string | null;
  /** The unit as answers print it ("huyện Cần Giờ", "Quận 8"). */
  unitLabel: string | null;
  /** Meeting date if known, else publication date; "YYYY-MM-DD" / "YYYY-MM" / null. */
  date: string | null;
  meetingNumber: number | null;
  congressNumber: number | null;
  term: string | null;
  khoa: string | null;
}

/** A passage: a paragraph or a run of sentences of one article (never across articles). */
export interface Chunk {
  /** Stable: `${articleId}#${ordinal}`. */
  id: string;
  ordinal: number;
  text: string;
  /** Short header used for indexing: "title — unit — date". */
  header: string;
  meta: ChunkMeta;
}

export type RetrievalView = 'vector' | 'exact' | 'folded';

/** A retrieved chunk. `score` is fused (higher = better); `views` holds each view's rank (1-based). */
export interface Hit {
  chunk: Chunk;
  score: number;
  views: Partial<Record<RetrievalView, number>>;
}

/** What a question asks for; `collection`: meetings of the collection (latest, count, list); `smalltalk`: no question. */
export type Intent = 'chair' | 'attendees' | 'summary' | 'fact' | 'collection' | 'smalltalk';
export type AnswerMode = 'extractive' | 'llm';
export type Language = 'vi' | 'en';

/** A numbered source of an answer. `n` matches the [n] markers in the answer text. */
export interface Citation {
  n: number;
  /** Article id: file name for files, record id for JSON Lines. */
  source: string;
  title: string;
  /** The article's unit, as printed in answers. */
  unit: string | null;
  /** "YYYY-MM-DD" or null. */
  date: string | null;
  /** The exact sentence(s) quoted from the passage. */
  quote: string;
  url: string | null;
  chunkId: string;
  /**
   * The article's outlet as a source line names it: the site tag it prints ("Thanhuytphcm.vn"), else its web
   * address's host; null when neither is known. Absent when the citation was made without the article at hand.
   */
  outlet?: string | null;
  /** The article's publication date "YYYY-MM-DD" (not the meeting's), null when unknown; absent as `outlet`. */
  published?: string | null;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** The JSON contract of `npm run ask -- --json` (extra optional fields are allowed). */
export interface Answer {
  question: string;
  /** The standalone question actually answered, when a follow-up was rewritten ("còn quận 8 thì sao?" → …). */
  resolvedQuestion?: string;
  answer: string;
  /** False when the articles do not support an answer (the text then says so plainly). */
  grounded: boolean;
  intent: Intent;
  mode: AnswerMode;
  citations: Citation[];
  /**
   * The rest of a long answer (a term summary's further meetings, figures, themes and tasks), shown on request
   * (the bot's "Xem thêm" button, the terminal's /them). Its [n] markers continue `answer`'s numbering and
   * `citations` holds both parts' citations; answer/pages.ts splits them.
   */
  more?: string;
  /** Language of the question (and of the answer's frame). */
  language?: Language;
  /** LLM mode only. */
  usage?: TokenUsage;
  /** Set when the LLM failed and the extractive answer was used instead. */
  fallbackReason?: string;
  /** What a conversation keeps of this answer for follow-ups. */
  turn?: Turn;
  /**
   * A question back instead of a guess: the units the user may have meant (the bot shows them as buttons; a tap
   * asks the same question again with `AskContext.unitId`).
   */
  choices?: UnitChoice[];
}

/** One unit a question back offers. */
export interface UnitChoice {
  label: string;
  unitId: string;
}

/** A person an answer named, with where it was read (for "ông ấy giữ chức vụ gì?" follow-ups). */
export interface NamedPerson extends Person {
  articleId: string;
  /** The sentence the person (and role) was read from. */
  sentence: string;
}

/**
 * One answered question, as a conversation remembers it: follow-ups read it instead of re-planning the question.
 * Plain JSON (the bot keeps turns in its session store).
 */
export interface Turn {
  /** The standalone question answered (a follow-up already rewritten). */
  question: string;
  intent: Intent;
  /** Units the question named. */
  units: Unit[];
  /** The meeting number the question named, and which numbering (a conference's, a congress's, or either). */
  meeting: { value: number; kind: 'conference' | 'congress' | null } | null;
  /** Articles the answer cited, in citation order. */
  articleIds: string[];
  /** People the answer named, the one a pronoun would refer to first. */
  people: NamedPerson[];
}

/** Conversation context a caller (bot) may pass for follow-ups. */
export interface AskContext {
  /** Previous turns of this chat, oldest first. */
  history?: Turn[];
  signal?: AbortSignal;
  /** The unit a tapped choice names: it replaces the units the question named (or did not name). */
  unitId?: string;
  /**
   * The asker's language so far (their last question's, else their client's): the answer's language when the
   * question's words say none ("hi", "ok"). Default Vietnamese.
   */
  language?: Language;
}

/**
 * A request a command makes (the bot's /tomtat): what is asked, for which unit as typed, never a sentence to parse.
 * `text` is what the user typed, for the answer's `question` field.
 */
export interface AskRequest {
  intent: 'summary';
  unit: string;
  text: string;
  /** The language to answer in (default Vietnamese). */
  language?: Language;
}

/** The one function the bot and CLI need: question in, cited answer out. Never throws for bad questions: returns grounded=false. */
export type AnswerFn = (question: string | AskRequest, context?: AskContext) => Promise<Answer>;

/** What the corpus holds, for /start and /quan. Dates are "YYYY-MM-DD" (or "YYYY-MM"). */
export interface CorpusInfo {
  articleCount: number;
  firstDate: string | null;
  lastDate: string | null;
  units: Array<{ id: string; label: string; province: string | null; articleCount: number; firstDate: string | null; lastDate: string | null }>;
}
