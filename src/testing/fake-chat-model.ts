/** A scripted chat model for tests of the LLM answer path (no network, records every request). */
import type { ChatModel, ChatReply, ChatRequest, ChatStream } from '../providers/chat.js';
import type { TokenUsage } from '../types.js';

/** One scripted step of FakeChatModel. */
export type FakeStep =
  | string
  | ChatReply
  | Error
  | { hang: true }
  | ((req: ChatRequest, call: number) => string | ChatReply | Promise<string | ChatReply>);

/**
 * Scripted chat model for tests. Steps are consumed one per call; the last step repeats.
 * `{ hang: true }` never answers (until the request's signal aborts). Streams split the reply into
 * `streamChunk`-character deltas.
 */
export class FakeChatModel implements ChatModel {
  readonly id = 'fake';
  readonly calls: ChatRequest[] = [];
  private readonly steps: FakeStep[];

  constructor(
    steps: FakeStep | FakeStep[],
    private readonly options: { streaming?: boolean; streamChunk?: number; usage?: TokenUsage } = {},
  ) {
    this.steps = Array.isArray(steps) ? steps : [steps];
    if (this.steps.length === 0) throw new Error('FakeChatModel needs at least one step');
    if (options.streaming === false) this.stream = undefined;
  }

  async complete(req: ChatRequest): Promise<ChatReply> {
    const call = this.calls.length;
    this.calls.push(req);
    const step = this.steps[Math.min(call, this.steps.length - 1)]!;
    req.signal?.throwIfAborted();
    let result: string | ChatReply;
    if (step instanceof Error) throw step;
    if (typeof step === 'object' && 'hang' in step) {
      await new Promise<never>((_, reject) => {
        req.signal?.addEventListener('abort', () => reject(req.signal?.reason ?? new Error('aborted')), { once: true });
      });
      throw new Error('unreachable');
    }
    if (typeof step === 'function') result = await step(req, call);
    else result = step;
    req.signal?.throwIfAborted();
    const reply = typeof result === 'string' ? { text: result } : result;
    const usage = reply.usage ?? this.options.usage;
    return usage ? { text: reply.text, usage } : { text: reply.text };
  }

  stream?(req: ChatRequest): ChatStream {
    let usage: TokenUsage | undefined;
    const size = this.options.streamChunk ?? 7;
    const complete = (r: ChatRequest) => this.complete(r);
    const iterate = async function* (): AsyncGenerator<string> {
      const reply = await complete(req);
      for (let i = 0; i < reply.text.length; i += size) {
        await new Promise((r) => setImmediate(r));
        req.signal?.throwIfAborted();
        yield reply.text.slice(i, i + size);
      }
      usage = reply.usage;
    };
    return {
      get usage() {
        return usage;
      },
      [Symbol.asyncIterator]: () => iterate(),
    };
  }
}
