/**
 * Checks on admin uploads before anything reads them as articles.
 *
 * Contracts:
 * - `checkUploadMeta` looks only at what Telegram tells us (name, declared size) and runs before
 *   the download; `checkUploadBytes` runs on the downloaded bytes. Each returns null when the
 *   file is acceptable, else a one-line reason (src/messages/bot.ts).
 * - Accepted: .txt, .html, .htm, .md; non-empty; at most maxBytes; valid UTF-8 without NUL bytes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { vi, type BotMessages } from '../messages/bot.js';

export const UPLOAD_EXTENSIONS = ['.txt', '.html', '.htm', '.md'] as const;

export function checkUploadMeta(fileName: string | undefined, declaredSize: number | undefined, maxBytes: number, TEXT: BotMessages = vi): string | null {
  const ext = path.extname(fileName ?? '').toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) return TEXT.uploadWrongType;
  if (declaredSize !== undefined && declaredSize > maxBytes) return TEXT.uploadTooLarge(declaredSize, maxBytes);
  if (declaredSize === 0) return TEXT.uploadEmpty;
  return null;
}

export function checkUploadBytes(bytes: Uint8Array, maxBytes: number, TEXT: BotMessages = vi): string | null {
  if (bytes.byteLength > maxBytes) return TEXT.uploadTooLarge(bytes.byteLength, maxBytes);
  if (bytes.byteLength === 0) return TEXT.uploadEmpty;
  if (bytes.includes(0)) return TEXT.uploadNotText;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return TEXT.uploadNotText;
  }
  if (text.trim().length === 0) return TEXT.uploadEmpty;
  return null;
}

/**
 * Default file download. Bot API servers in --local mode return an absolute local path, which is
 * read from disk; otherwise the file is fetched from `${apiRoot}/file/bot<token>/<path>`.
 * Errors never include the URL (it contains the token).
 */
export function createFileDownloader(token: string, apiRoot: string | undefined) {
  const root = (apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  return async (filePath: string, maxBytes: number): Promise<Uint8Array> => {
    if (path.isAbsolute(filePath) && apiRoot) return new Uint8Array(await readFile(filePath));
    const response = await fetch(`${root}/file/bot${token}/${filePath}`, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel();
      throw new AppError('INPUT_TOO_LARGE', `file is ${declared} bytes, limit ${maxBytes}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}
