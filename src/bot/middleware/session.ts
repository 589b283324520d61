/**
 * The per-chat session (SessionData: resolved questions for follow-ups — per user in groups —, users' languages, which answer replied to
 * which question, the greeting and allowlist refusal flags), stored under "session:<chat id>" in `storage`, in
 * memory when none is given. The answers behind buttons are not here: see answer-store.ts.
 */
import { MemorySessionStorage, session, type MiddlewareFn, type StorageAdapter } from 'grammy';
import type { BotContext, SessionData } from '../types.js';

export function chatSession(storage: StorageAdapter<SessionData> | undefined): MiddlewareFn<BotContext> {
  return session<SessionData, BotContext>({
    initial: () => ({ history: [] }),
    prefix: 'session:',
    storage: storage ?? new MemorySessionStorage<SessionData>(),
  });
}
