/**
 * The per-chat session (SessionData: resolved questions for follow-ups, recent answers for their buttons, the
 * allowlist refusal flag), stored under "session:<chat id>" in `storage`, in memory when none is given.
 */
import { MemorySessionStorage, session, type MiddlewareFn, type StorageAdapter } from 'grammy';
import type { BotContext, SessionData } from '../types.js';

export function chatSession(storage: StorageAdapter<SessionData> | undefined): MiddlewareFn<BotContext> {
  return session<SessionData, BotContext>({
    initial: () => ({ history: [], answers: [] }),
    prefix: 'session:',
    storage: storage ?? new MemorySessionStorage<SessionData>(),
  });
}
