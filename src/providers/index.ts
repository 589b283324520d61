/**
 * Provider selection: the only place that decides which embedder (and later, chat model) the
 * pipeline uses, from a validated Config. Entry points (src/cli/*) call it; nothing else does.
 */
import type { Config } from '../config/config.js';
import type { IndexEmbedder } from '../index/build.js';
import { LocalHashEmbeddings } from './local-embeddings.js';

export interface Providers {
  embedder: IndexEmbedder;
  /** Human-readable description for logs ("offline: local-hash-v1-384"). */
  description: string;
}

export function createProviders(config: Config): Providers {
  void config;
  const embedder = new LocalHashEmbeddings();
  return { embedder, description: `offline (${embedder.id}, extractive answers)` };
}
