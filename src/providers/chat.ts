/**
 * The narrow chat interface the answer pipeline depends on, and its implementations:
 * - `LangChainChatModel`: any LangChain chat model (tests use LangChain's fakes through it);
 * - `OpenAIChatModel`: ChatOpenAI from @langchain/openai (OpenAI or any OpenAI-compatible server);
 *
 * Contracts:
 * - `complete` resolves with the whole reply text, or rejects (HTTP error after LangChain's bounded retries,
 *   timeout, abort). It never resolves after `signal` has aborted.
 * - `system` may be empty: then no system message is sent.
 * - `stream` yields text deltas in order; their concatenation is the reply. `usage` is set once iteration
 *   has finished (when the server reported it). Errors and aborts reject the iteration.
 * - `onFailedAttempt` (optional) hears every failed attempt of a request before it is retried or given up, so
 *   the caller can say why a request that ran out of time failed (a 502 retried until the deadline is not a
 *   timeout). OpenAIChatModel reports them; other models may not.
 * - Importing this module loads no LangChain runtime code (only types): `@langchain/core/messages` and
 *   `@langchain/openai` (~1.4 s to import) are imported on the first request, so the offline path never
 *   loads them (tested in chat.test.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage, AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { Config } from '../config/config.js';
import type { TokenUsage } from '../types.js';
import { lazy } from './lazy.js';

export interface ChatRequest {
  system: string;
  user: string;
  signal?: AbortSignal;
  /** Hears each failed attempt (HTTP error, invalid reply …) of this request, retried or not. */
  onFailedAttempt?: (error: unknown) => void;
}

/** The request whose model call is running (LangChain's retry hook has no request of its own). */
const attempts = new AsyncLocalStorage<ChatRequest['onFailedAttempt']>();

export interface ChatReply {
  text: string;
  usage?: TokenUsage;
}

/** Text deltas of one reply; `usage` is known after the iteration has completed. */
export interface ChatStream extends AsyncIterable<string> {
  readonly usage: TokenUsage | undefined;
}

export interface ChatModel {
  /** "openai:gpt-4o-mini", "fake", … (for logs). */
  readonly id: string;
  complete(req: ChatRequest): Promise<ChatReply>;
  stream?(req: ChatRequest): ChatStream;
}

/** Rejects as soon as `signal` aborts, whether or not `promise` honours it (some models do not). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Sum of usages; undefined when none is known. */
export function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

function toUsage(message: { usage_metadata?: { input_tokens: number; output_tokens: number; total_tokens: number } }): TokenUsage | undefined {
  const u = message.usage_metadata;
  if (!u) return undefined;
  return { promptTokens: u.input_tokens, completionTokens: u.output_tokens, totalTokens: u.total_tokens };
}

function messageText(message: AIMessage | AIMessageChunk): string {
  return typeof message.content === 'string' ? message.content : message.text;
}

async function toMessages(req: ChatRequest): Promise<BaseMessage[]> {
  const { HumanMessage, SystemMessage } = await import('@langchain/core/messages');
  return req.system ? [new SystemMessage(req.system), new HumanMessage(req.user)] : [new HumanMessage(req.user)];
}

/**
 * Adapts a LangChain chat model to ChatModel. `model` may be a factory: it is called once, on the first
 * request (a rejected factory rejects that request and is retried on the next one).
 */
export class LangChainChatModel implements ChatModel {
  private readonly load: () => Promise<BaseChatModel>;

  constructor(
    readonly id: string,
    model: BaseChatModel | (() => Promise<BaseChatModel>),
  ) {
    this.load = typeof model === 'function' ? lazy(model) : () => Promise.resolve(model);
  }

  async complete(req: ChatRequest): Promise<ChatReply> {
    req.signal?.throwIfAborted();
    const [model, messages] = await Promise.all([this.load(), toMessages(req)]);
    req.signal?.throwIfAborted();
    const pending = attempts.run(req.onFailedAttempt, () => model.invoke(messages, req.signal ? { signal: req.signal } : {}));
    const message = (await (req.signal ? raceAbort(pending, req.signal) : pending)) as AIMessage;
    req.signal?.throwIfAborted();
    const usage = toUsage(message);
    return usage ? { text: messageText(message), usage } : { text: messageText(message) };
  }

  stream(req: ChatRequest): ChatStream {
    const load = this.load;
    let usage: TokenUsage | undefined;
    const iterate = async function* (): AsyncGenerator<string> {
      req.signal?.throwIfAborted();
      const [model, messages] = await Promise.all([load(), toMessages(req)]);
      req.signal?.throwIfAborted();
      const chunks = await attempts.run(req.onFailedAttempt, () => model.stream(messages, req.signal ? { signal: req.signal } : {}));
      const iterator = chunks[Symbol.asyncIterator]();
      for (;;) {
        const step = await attempts.run(req.onFailedAttempt, () => iterator.next());
        if (step.done) break;
        const chunk = step.value;
        req.signal?.throwIfAborted();
        usage = toUsage(chunk) ?? usage;
        const text = messageText(chunk);
        if (text) yield text;
      }
      req.signal?.throwIfAborted();
    };
    return {
      get usage() {
        return usage;
      },
      [Symbol.asyncIterator]: () => iterate(),
    };
  }
}

/**
 * ChatOpenAI configured from Config['openai']: model, temperature, max_tokens, per-request timeout, bounded retries on
 * 429/5xx (LangChain's AsyncCaller; 4xx other than 429 are not retried), base URL for compatible servers.
 * A compatible server without a key gets a placeholder key (the SDK refuses to start without one).
 * @langchain/openai is imported (and ChatOpenAI constructed) on the first request, not by the constructor.
 */
export class OpenAIChatModel extends LangChainChatModel {
  constructor(o: Config['openai']) {
    super(`openai:${o.chatModel}`, async () => {
      const [{ ChatOpenAI }, { AsyncCaller }] = await Promise.all([import('@langchain/openai'), import('@langchain/core/utils/async_caller')]);
      // LangChain's own handler decides what is retried; the running request hears every failed attempt first.
      // (`onFailedAttempt` is protected in the typings; the default handler is not exported on its own.)
      const decide = (new AsyncCaller({}) as unknown as { onFailedAttempt?: (error: unknown) => unknown }).onFailedAttempt ?? (() => undefined);
      return new ChatOpenAI({
        model: o.chatModel,
        temperature: o.temperature,
        timeout: o.timeoutMs,
        maxRetries: o.maxRetries,
        maxTokens: o.maxTokens,
        onFailedAttempt: (error: unknown) => {
          attempts.getStore()?.(error);
          return decide(error);
        },
        apiKey: o.apiKey ?? 'not-needed',
        streamUsage: true,
        configuration: o.baseURL ? { baseURL: o.baseURL } : {},
      });
    });
  }
}

