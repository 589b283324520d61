/**
 * Prompt templates from prompts/*.md, loaded once at start and checked.
 *
 * Contracts:
 * - Placeholders are `{{name}}` (spaces inside the braces allowed). Each file must use every placeholder
 *   its spec lists and no other; a missing file, an empty file, a missing/unknown placeholder or a stray
 *   `{{`/`}}` → AppError('PROMPT_INVALID') naming the file (and the placeholder).
 * - `render` substitutes placeholders in one pass; values are inserted verbatim (a value containing
 *   `{{x}}` or `$&` stays as it is). Nothing else in the template changes.
 * - Template text is NFC and trimmed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';

/** File and placeholders of each prompt. */
export const PROMPT_SPECS = {
  /** System prompt of answers and summaries. */
  answer: { file: 'answer.md', placeholders: [] },
  /** The user message of an answer: the question, the numbered passages and the facts read from them (prompt-facts.ts). */
  answerUser: { file: 'answer-user.md', placeholders: ['question', 'passages', 'facts', 'language'] },
  summaryMap: { file: 'summary-map.md', placeholders: ['unit', 'article', 'passages', 'language'] },
  summaryReduce: { file: 'summary-reduce.md', placeholders: ['unit', 'term', 'notes', 'language'] },
  /** Sent as the only (user) message of a follow-up rewrite. */
  rewrite: { file: 'rewrite.md', placeholders: ['history', 'question'] },
} as const;

export type PromptName = keyof typeof PROMPT_SPECS;
type PlaceholderOf<N extends PromptName> = (typeof PROMPT_SPECS)[N]['placeholders'][number];

/** The repository's prompts/ directory (independent of the working directory). */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[a-z][A-Za-z0-9_]*$/;

export class PromptTemplate<P extends string = string> {
  private constructor(
    readonly file: string,
    readonly text: string,
    readonly placeholders: readonly P[],
  ) {}

  /** Parses and checks a template; `file` is only used in error messages. */
  static parse<P extends string>(file: string, raw: string, placeholders: readonly P[]): PromptTemplate<P> {
    const text = raw.normalize('NFC').trim();
    const invalid = (what: string) =>
      new AppError('PROMPT_INVALID', `Prompt ${file}: ${what}.`, {
        hint: `Fix ${file}; it must use exactly these placeholders: ${placeholders.length ? placeholders.map((p) => `{{${p}}}`).join(', ') : '(none)'}.`,
      });
    if (!text) throw invalid('the file is empty');
    const found = new Set<string>();
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1]!;
      if (!NAME.test(name) || !(placeholders as readonly string[]).includes(name)) {
        throw invalid(`unknown placeholder {{${name}}}`);
      }
      found.add(name);
    }
    const rest = text.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) throw invalid('unbalanced "{{" or "}}"');
    for (const p of placeholders) if (!found.has(p)) throw invalid(`missing placeholder {{${p}}}`);
    return new PromptTemplate(file, text, placeholders);
  }

  render(values: Record<P, string>): string {
    for (const p of this.placeholders) {
      if (typeof values[p] !== 'string') throw new AppError('PROMPT_INVALID', `Prompt ${this.file}: no value for {{${p}}}.`);
    }
    return this.text.replace(PLACEHOLDER, (_, name: string) => values[name as P]);
  }
}

export type Prompts = { [N in PromptName]: PromptTemplate<PlaceholderOf<N>> };

/** Reads and checks every prompt file of `dir` (default: the repository's prompts/). */
export async function loadPrompts(dir: string = DEFAULT_PROMPTS_DIR): Promise<Prompts> {
  const entries = await Promise.all(
    (Object.keys(PROMPT_SPECS) as PromptName[]).map(async (name) => {
      const spec = PROMPT_SPECS[name];
      const file = path.join(dir, spec.file);
      let raw: string;
      try {
        raw = await readFile(file, 'utf8');
      } catch (error) {
        throw new AppError('PROMPT_INVALID', `Prompt file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, {
          hint: 'Restore the prompts/ directory (git checkout prompts).',
          cause: error,
        });
      }
      return [name, PromptTemplate.parse(file, raw, spec.placeholders as readonly string[])] as const;
    }),
  );
  return Object.fromEntries(entries) as unknown as Prompts;
}
