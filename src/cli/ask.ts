/**
 * `npm run ask -- [--index DIR] [--json] "QUESTION"` — one answer (readable, or one JSON object).
 * `npm run ask -- [--index DIR] --jsonl` — questions on stdin, one per line; one JSON object per line, in order.
 * In --json/--jsonl modes only JSON goes to stdout; logs go to stderr.
 * A question longer than MAX_QUESTION_CHARS (the bot's limit too) is refused before any work: one clear error
 * (exit 1), or with --jsonl one `{"question": <its start>, "error": {"code": "QUESTION_TOO_LONG", "message"}}`
 * line in its place, and the next lines go on.
 */
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { formatAnswerText } from '../answer/format-text.js';
import { continuation } from '../answer/pages.js';
import { loadConfig } from '../config/config.js';
import { MAX_QUESTION_CHARS } from '../config/limits.js';
import { AppError } from '../errors.js';
import { createProviders } from '../providers/index.js';
import type { Answer } from '../types.js';
import { createLogger } from './logger.js';
import { openPipeline } from '../app/pipeline.js';
import { runMain } from './run-main.js';

/** The JSON contract: exactly these keys (plus optional more/usage/resolvedQuestion/fallbackReason). */
export function answerJson(a: Answer): Record<string, unknown> {
  return {
    question: a.question,
    answer: a.answer,
    grounded: a.grounded,
    intent: a.intent,
    mode: a.mode,
    citations: a.citations.map((c) => ({
      n: c.n,
      source: c.source,
      title: c.title,
      unit: c.unit,
      date: c.date,
      quote: c.quote,
      ...(c.url ? { url: c.url } : {}),
    })),
    ...(a.more ? { more: a.more } : {}),
    ...(a.resolvedQuestion ? { resolvedQuestion: a.resolvedQuestion } : {}),
    ...(a.usage ? { usage: a.usage } : {}),
    ...(a.fallbackReason ? { fallbackReason: a.fallbackReason } : {}),
  };
}

/** AppError('QUESTION_TOO_LONG') for a question over MAX_QUESTION_CHARS, else null. */
export function questionTooLong(question: string): AppError | null {
  if (question.length <= MAX_QUESTION_CHARS) return null;
  return new AppError('QUESTION_TOO_LONG', `The question is ${question.length} characters long; the limit is ${MAX_QUESTION_CHARS} (as in the bot).`, {
    hint: 'Ask a shorter question: one meeting, one unit, one fact.',
  });
}

/** The --jsonl line for a refused question: its first characters and the error. */
function refusalJson(question: string, error: AppError): Record<string, unknown> {
  const start = question.length > 200 ? `${question.slice(0, 200)}…` : question;
  return { question: start, error: { code: error.code, message: error.message } };
}

runMain(async () => {
  const program = new Command('ask')
    .description('Answer a question from the indexed articles, with cited passages.')
    .argument('[question...]', 'the question (quote it)')
    .option('--index <dir>', 'index directory (default: INDEX_DIR or vectorstore/)')
    .option('--json', 'print one JSON object')
    .option('--jsonl', 'read questions from stdin (one per line), print one JSON object per line')
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(process.argv);
  const opts = program.opts<{ index?: string; json?: boolean; jsonl?: boolean }>();
  const question = program.args.join(' ').trim();
  if (opts.jsonl && question) {
    throw new AppError('USAGE', '--jsonl reads questions from standard input; do not also pass a question.', {
      hint: 'Example: printf "Ai chủ trì hội nghị lần thứ 8 Quận 8?\\n" | npm run ask -- --jsonl',
    });
  }
  if (!opts.jsonl && !question) {
    throw new AppError('QUESTION_EMPTY', 'No question given.', {
      hint: 'Example: npm run ask -- "Ai chủ trì hội nghị lần thứ 8 Quận 8?"  (or --jsonl to read stdin)',
    });
  }
  const tooLong = opts.jsonl ? null : questionTooLong(question);
  if (tooLong) throw tooLong;
  const config = loadConfig();
  const providers = createProviders(config);
  const pipeline = await openPipeline(opts.index ?? config.indexDir, providers, config, createLogger(config.logLevel));

  if (opts.jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      const refused = questionTooLong(line);
      if (refused) {
        process.stdout.write(`${JSON.stringify(refusalJson(line, refused))}\n`);
        continue;
      }
      const a = await pipeline.answer(line);
      process.stdout.write(`${JSON.stringify(answerJson(a))}\n`);
    }
    return 0;
  }
  const a = await pipeline.answer(question);
  // Readable: both pages of an answer with a continuation (nothing to tap here).
  const rest = continuation(a);
  process.stdout.write(opts.json ? `${JSON.stringify(answerJson(a))}\n` : `${formatAnswerText(a)}\n${rest ? `\n${formatAnswerText(rest)}\n` : ''}`);
  return 0;
});
