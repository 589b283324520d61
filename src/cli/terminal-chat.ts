/**
 * The terminal chat of `npm start` without a Telegram token: the bot's conversation in plain text.
 *
 * Contracts:
 * - Interactive (input and output are terminals): a greeting and a "> " prompt; otherwise each input line is
 *   answered in order and the chat ends at end of input (exit code 0).
 * - The bot's commands, in any case: /start, /help, /quan, /tomtat <unit>, /them (the same texts as the bot, as plain
 *   text); any other "/…" gets the unknown-command line. Every other line is a question, with the last
 *   MAX_HISTORY resolved turns as follow-up context.
 * - One language, as in the bot: the interface follows the language of the last question (Vietnamese first).
 * - Answers are rendered by formatAnswerText: each quote printed once. An answer with a continuation (a term
 *   summary's rest) prints its first page and the /them hint, as the bot shows it with "Xem thêm"; /them prints the
 *   last such answer's continuation (once), or says there is none.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatAnswerText } from '../answer/format-text.js';
import { continuation } from '../answer/pages.js';
import { formatDistricts, formatHelp, formatStart, formatSummaryUsage, exampleQuestions } from '../bot/format.js';
import { htmlToPlain } from '../bot/html.js';
import { parseCommand } from '../bot/parse-command.js';
import { MAX_QUESTION_CHARS } from '../config/limits.js';
import { botMessages } from '../messages/bot.js';
import type { Answer, AnswerFn, CorpusInfo, Language, Turn } from '../types.js';

/** Resolved turns kept as follow-up context (as the bot's MAX_HISTORY). */
const MAX_HISTORY = 5;

export interface ChatPipeline {
  answer: AnswerFn;
  corpusInfo(): CorpusInfo;
}

export interface ChatIo {
  input: Readable;
  output: Writable;
  /** Greeting and prompt (a terminal on both sides). */
  interactive: boolean;
}

export async function terminalChat(p: ChatPipeline, io: ChatIo): Promise<number> {
  const { output, interactive } = io;
  const rl = createInterface({ input: io.input, output: interactive ? output : undefined, terminal: interactive });
  const history: Turn[] = [];
  let language = 'vi' as Language;
  const write = (text: string) => void output.write(`${text.trimEnd()}\n\n`);

  if (interactive) {
    const info = p.corpusInfo();
    const m = botMessages(language);
    output.write(`${m.terminalGreeting({ articles: info.articleCount, units: info.units.map((d) => d.label).join(', '), example: exampleQuestions(info, language)[0] })}\n`);
    rl.setPrompt('> ');
    rl.prompt();
  }

  // The last answer's continuation, which /them prints.
  let rest: Answer | null = null;
  const ask = async (question: Parameters<AnswerFn>[0]) => {
    const answer = await p.answer(question, { history: [...history], language });
    if (typeof question === 'string' && answer.language) language = answer.language;
    if (answer.turn) history.push(answer.turn);
    while (history.length > MAX_HISTORY) history.shift();
    rest = answer.grounded ? continuation(answer) : null;
    write(rest ? `${formatAnswerText(answer)}\n${botMessages(language).moreHint}` : formatAnswerText(answer));
  };

  for await (const line of rl) {
    const q = line.trim();
    const m = botMessages(language);
    const command = q.startsWith('/') ? parseCommand(q) : null;
    if (q.length > MAX_QUESTION_CHARS) write(m.questionTooLong);
    else if (command) {
      const info = p.corpusInfo();
      switch (command.name) {
        case 'start':
          write(htmlToPlain(formatStart(info, undefined, language)));
          break;
        case 'help':
          write(htmlToPlain(formatHelp(info, false, language, true)));
          break;
        case 'quan':
          write(htmlToPlain(formatDistricts(info, language)));
          break;
        case 'them':
          write(rest ? formatAnswerText(rest) : m.nothingMore);
          rest = null;
          break;
        case 'tomtat':
          if (!command.arg) write(htmlToPlain(formatSummaryUsage(info, language)));
          else await ask({ intent: 'summary', unit: command.arg, text: m.summaryQuestion(command.arg), ...(language === 'en' ? { language } : {}) });
          break;
        default:
          write(m.unknownCommand);
      }
    } else if (q.startsWith('/')) write(m.unknownCommand);
    else if (q) await ask(q);
    if (interactive) rl.prompt();
  }
  return 0;
}
