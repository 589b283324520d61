/**
 * Feedback log: one JSON object per line, appended. Writes are serialised per file so lines
 * never interleave; the parent directory is created on first use.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Citation } from '../types.js';
import type { FeedbackReason, Rating } from './types.js';

/**
 * One rating (👍/👎), or what a 👎 said was wrong (`reason`, a second record for the same answer). When the answer
 * is no longer stored, `question` is null and `answer` is the text of the message rated, so no rating is lost.
 */
export interface FeedbackRecord {
  /** ISO 8601. */
  time: string;
  chatId: number;
  userId: number | null;
  answerId: string;
  question: string | null;
  answer: string;
  citations: Citation[];
  rating: Rating;
  reason?: FeedbackReason;
}

export function createFeedbackLog(file: string): (record: FeedbackRecord) => Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  let dirReady = false;
  return (record) => {
    const line = `${JSON.stringify(record)}\n`;
    const write = chain.then(async () => {
      if (!dirReady) {
        await mkdir(path.dirname(path.resolve(file)), { recursive: true });
        dirReady = true;
      }
      await appendFile(file, line, 'utf8');
    });
    chain = write.catch(() => undefined);
    return write;
  };
}
