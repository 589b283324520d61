/**
 * A fake OpenAI-compatible HTTP server on 127.0.0.1 (random port) for tests: real sockets, so the real
 * SDK (openai + @langchain/openai) and spawned CLI processes talk to it like to any compatible server.
 *
 * - POST /v1/chat/completions: JSON, or SSE when `stream: true` (with a final usage chunk when
 *   `stream_options.include_usage` is set, as OpenAI does).
 * - POST /v1/embeddings: deterministic vectors of the requested `dimensions` (default 64), as floats or
 *   base64 (`encoding_format`), from the local hash embedder, so similar texts get similar vectors.
 * - Behaviours are scripted per endpoint as a queue consumed one per request (the last one repeats):
 *   a reply (text or function of the request body), an HTTP status (500, 429 with `retry-after`, …), or
 *   `hang` (never answers; the socket stays open until the client gives up or the server closes), or a `raw`
 *   body sent as is (invalid JSON, a proxy's HTML error page).
 * - Every request is recorded (method, path, headers, parsed JSON body) before it is answered.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ChatCompletionBody {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  [key: string]: unknown;
}

export interface EmbeddingBody {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
}

export type ChatBehaviour =
  | { reply: string | ((body: ChatCompletionBody, call: number) => string); usage?: { prompt_tokens: number; completion_tokens: number } }
  | { status: number; retryAfter?: number; message?: string }
  /** A raw response body as is (invalid JSON, an HTML error page …), with its status and content type. */
  | { raw: string; status?: number; contentType?: string }
  | { hang: true };

export type EmbeddingBehaviour = { ok: true; /** Return vectors of this size whatever was asked. */ dimensions?: number } | { status: number; retryAfter?: number } | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FakeOpenAIServer {
  /** Base URL including /v1, for OPENAI_BASE_URL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  chatRequests(): ChatCompletionBody[];
  embeddingRequests(): EmbeddingBody[];
  /** Replace the chat script (consumed one per request; the last behaviour repeats). */
  onChat(...behaviours: ChatBehaviour[]): void;
  onEmbeddings(...behaviours: EmbeddingBehaviour[]): void;
  /** Forget recorded requests and restore the default behaviours. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_CHAT: ChatBehaviour = { reply: 'Các bài viết không nêu thông tin này.' };
const DEFAULT_EMBEDDINGS: EmbeddingBehaviour = { ok: true };

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, b: { status: number; retryAfter?: number; message?: string }): void {
  const headers: Record<string, string> = b.retryAfter !== undefined ? { 'retry-after': String(b.retryAfter) } : {};
  const type = b.status === 429 ? 'rate_limit_exceeded' : b.status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, b.status, { error: { message: b.message ?? `fake ${b.status}`, type, code: type } }, headers);
}

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  let chatScript: ChatBehaviour[] = [DEFAULT_CHAT];
  let embeddingScript: EmbeddingBehaviour[] = [DEFAULT_EMBEDDINGS];
  let chatCalls = 0;
  let embeddingCalls = 0;
  const embedders = new Map<number, LocalHashEmbeddings>();

  const next = <T>(script: T[], i: number): T => script[Math.min(i, script.length - 1)]!;

  const chat = (res: ServerResponse, body: ChatCompletionBody) => {
    const call = chatCalls++;
    const b = next(chatScript, call);
    if ('hang' in b) return;
    if ('raw' in b) {
      res.writeHead(b.status ?? 200, { 'content-type': b.contentType ?? 'application/json' });
      return void res.end(b.raw);
    }
    if ('status' in b) return sendError(res, b);
    const text = typeof b.reply === 'function' ? b.reply(body, call) : b.reply;
    const prompt = b.usage?.prompt_tokens ?? tokens((body.messages ?? []).map((m) => m.content).join('\n'));
    const completion = b.usage?.completion_tokens ?? tokens(text);
    const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
    const id = `chatcmpl-fake-${call}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
        usage,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const event = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: body.model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    });
    event(chunk({ role: 'assistant', content: '' }, null));
    for (let i = 0; i < text.length; i += 8) event(chunk({ content: text.slice(i, i + 8) }, null));
    event(chunk({}, 'stop'));
    if (body.stream_options?.include_usage) event({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage });
    res.end('data: [DONE]\n\n');
  };

  const embeddings = async (res: ServerResponse, body: EmbeddingBody) => {
    const b = next(embeddingScript, embeddingCalls++);
    if ('hang' in b) return;
    if ('status' in b) return sendError(res, b);
    const dims = b.dimensions ?? body.dimensions ?? 64;
    let embedder = embedders.get(dims);
    if (!embedder) embedders.set(dims, (embedder = new LocalHashEmbeddings({ dimensions: dims })));
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const data = inputs.map((text, index) => {
      const v = embedder.embed(String(text));
      const embedding = body.encoding_format === 'base64' ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : Array.from(v);
      return { object: 'embedding', index, embedding };
    });
    const prompt = tokens(inputs.join(' '));
    sendJson(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: prompt, total_tokens: prompt } });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({ method: req.method ?? '', path: url.pathname, headers: { ...req.headers }, body });
      if (req.method === 'POST' && url.pathname === '/v1/chat/completions') return chat(res, body as ChatCompletionBody);
      if (req.method === 'POST' && url.pathname === '/v1/embeddings') return embeddings(res, body as EmbeddingBody);
      sendJson(res, 404, { error: { message: `no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body as ChatCompletionBody),
    embeddingRequests: () => requests.filter((r) => r.path === '/v1/embeddings').map((r) => r.body as EmbeddingBody),
    onChat: (...behaviours) => {
      chatScript = behaviours.length > 0 ? behaviours : [DEFAULT_CHAT];
      chatCalls = 0;
    },
    onEmbeddings: (...behaviours) => {
      embeddingScript = behaviours.length > 0 ? behaviours : [DEFAULT_EMBEDDINGS];
      embeddingCalls = 0;
    },
    reset: () => {
      requests.length = 0;
      chatScript = [DEFAULT_CHAT];
      embeddingScript = [DEFAULT_EMBEDDINGS];
      chatCalls = 0;
      embeddingCalls = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
