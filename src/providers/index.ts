/**
 * Provider selection: the only place that decides which embedder and chat model the pipeline uses,
 * from a validated Config. Entry points (src/cli/*) call it; nothing else does.
 *
 * - Embeddings: the API (OpenAIIndexEmbedder) when config.openai.embeddings; else the local hash embedder when
 *   config.retrieval.localVectors; else none (NoEmbeddings: a keyword-only index, no vectors stored).
 * - Chat: OpenAIChatModel when config.openai.chat, else null (extractive answers).
 * The two are independent: a local server may serve only one of them.
 */
import type { Config } from '../config/config.js';
import type { IndexEmbedder } from '../ingest/ingest.js';
import { OpenAIChatModel, type ChatModel } from './chat.js';
import { LocalHashEmbeddings } from './local-embeddings.js';
import { NoEmbeddings } from './no-embeddings.js';
import { OpenAIIndexEmbedder } from './openai.js';

export interface Providers {
  embedder: IndexEmbedder;
  /** Null: answers are extractive (offline). */
  chat: ChatModel | null;
  /** Human-readable description for logs ("offline: none, extractive answers"). */
  description: string;
}

/** Host of a base URL for logs (never the key, never a path with secrets). */
function host(baseURL: string | undefined): string {
  if (!baseURL) return 'api.openai.com';
  try {
    return new URL(baseURL).host;
  } catch {
    return 'custom server';
  }
}

export function createProviders(config: Config): Providers {
  const o = config.openai;
  const embedder: IndexEmbedder = o.embeddings
    ? new OpenAIIndexEmbedder(o)
    : config.retrieval.localVectors
      ? new LocalHashEmbeddings()
      : new NoEmbeddings();
  const chat: ChatModel | null = o.chat ? new OpenAIChatModel(o) : null;
  const where = o.chat || o.embeddings ? ` via ${host(o.baseURL)}` : '';
  const answers = chat ? `LLM answers (${chat.id})` : 'extractive answers';
  const mode = chat || o.embeddings ? 'online' : 'offline';
  return { embedder, chat, description: `${mode}${where}: ${embedder.id}, ${answers}` };
}
