/**
 * `npm start`: brings the index up to date (builds it when missing; refreshes it from the inputs it was
 * built from, or DATA_PATHS when set), then runs the Telegram bot when TELEGRAM_BOT_TOKEN is set,
 * otherwise a terminal chat on the same pipeline (interactive on a terminal; with piped input it answers
 * each line and exits at end of input).
 *
 * - INDEX_READ_ONLY=true (replicas sharing one index): the index is opened as it is, never written;
 *   a missing index is an error; admin uploads and /reindex are refused.
 * - The bot gets the pipeline's streaming answer function when the LLM writes answers and BOT_STREAM is on.
 * - The bot follows the index: a new generation (written by `npm run ingest`, or by an upload or /reindex on any
 *   replica sharing INDEX_DIR) is answered from within seconds (followIndex). Writers take the index lock, so one
 *   writes at a time; uploads are saved in UPLOADS_DIR.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { readManifest } from '../index/store.js';
import { createProviders, type Providers } from '../providers/index.js';
import type { BotDeps, ReindexResult, UploadResult } from '../bot/types.js';
import type { StoredArticle } from '../types.js';
import type { IngestSummary } from '../ingest/ingest.js';
import { createLogger } from './logger.js';
import { describeIngest, followIndex, LivePipeline, openPipeline, runIngest } from '../app/pipeline.js';
import { ingestUpload, listUploads, removeUpload } from '../app/uploads.js';
import { terminalChat } from './terminal-chat.js';
import { runMain } from './run-main.js';
import type { Logger } from 'pino';

/**
 * Inputs to (re)build from: DATA_PATHS when set explicitly, else what the index was built from, else the default;
 * plus the uploads folder, always (the ingest also keeps every earlier input it is not told to forget).
 */
async function inputPaths(config: Config, indexDir: string): Promise<string[]> {
  const uploads = existsSync(config.uploadsDir) ? [path.resolve(config.uploadsDir)] : [];
  if (process.env.DATA_PATHS && process.env.DATA_PATHS.trim() !== '') return [...config.dataPaths, ...uploads];
  const manifest = await readManifest(indexDir).catch(() => null);
  const recorded = manifest?.sources?.filter((p) => existsSync(p)) ?? [];
  return [...(recorded.length > 0 ? recorded : config.dataPaths), ...uploads];
}

/** How long an admin's change waits for another ingest to finish before it is refused (ms). */
const BOT_WRITE_LOCK_WAIT_MS = 120_000;

async function ensureIndex(config: Config, providers: Providers, logger: Logger, paths: string[]): Promise<void> {
  const indexDir = config.indexDir;
  try {
    const summary = await runIngest({ paths, indexDir, providers, config, logger, progress: Boolean(process.stderr.isTTY) });
    if (summary.written) logger.info(describeIngest(summary, indexDir));
  } catch (error) {
    // A usable index stays usable when its inputs cannot be re-read or another ingest holds the lock.
    const manifest = await readManifest(indexDir).catch(() => null);
    if (manifest && AppError.isInstance(error) && ['INPUT_UNREADABLE', 'INDEX_LOCKED'].includes(error.code)) {
      logger.warn(`Using the existing index: ${error.message}`);
      return;
    }
    throw error;
  }
}

const reindexResult = (s: IngestSummary): ReindexResult => ({
  articles: s.articles,
  added: s.added,
  updated: s.updated,
  removed: s.removed,
  unchanged: s.unchanged,
  skipped: s.problems.length,
  seconds: s.ms / 1000,
});

runMain(async () => {
  const config = loadConfig();
  const chat = !config.telegram.token;
  const human = Boolean(process.stderr.isTTY);
  // A person at a terminal chatting: warnings only, unless LOG_LEVEL asks for more.
  const level = chat && human && !process.env.LOG_LEVEL?.trim() ? 'warn' : config.logLevel;
  const logger = createLogger(level, { human });
  const providers = createProviders(config);
  if (config.indexReadOnly) {
    if (!(await readManifest(config.indexDir).catch(() => null))) {
      throw new AppError('INDEX_MISSING', `INDEX_READ_ONLY is set and there is no index in ${config.indexDir}.`, {
        hint: 'Build it once with `npm run ingest` (same INDEX_DIR), then start the replicas.',
      });
    }
  } else {
    await ensureIndex(config, providers, logger, await inputPaths(config, config.indexDir));
  }
  const live = new LivePipeline(await openPipeline(config.indexDir, providers, config, logger));
  logger.info({ providers: providers.description, articles: live.pipeline.snapshot.articles.size }, 'pipeline ready');

  if (chat) {
    return terminalChat(
      { answer: live.answer, corpusInfo: () => live.pipeline.corpusInfo() },
      { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) },
    );
  }

  const uploadsDir = path.resolve(config.uploadsDir);
  const reopen = () => openPipeline(config.indexDir, providers, config, logger);
  const reload = async (extra: string[] = []) => {
    const sources = [...new Set([...(await inputPaths(config, config.indexDir)), ...extra])];
    // An admin's upload, removal or /reindex waits for another writer (another admin, a replica, `npm run ingest`).
    const summary = await runIngest({ paths: sources, indexDir: config.indexDir, providers, config, logger, progress: false, lockWaitMs: BOT_WRITE_LOCK_WAIT_MS });
    await live.refresh(reopen);
    return summary;
  };
  // Every replica answers from the generation CURRENT names, whichever process wrote it.
  followIndex(live, config.indexDir, reopen, logger);
  const { runBot } = await import('../bot/run.js');
  const writable: Pick<BotDeps, 'ingestDocument' | 'reindex' | 'listUploads' | 'removeUpload'> = config.indexReadOnly
    ? {}
    : {
        ingestDocument: async ({ fileName, bytes, uploader }): Promise<UploadResult> => {
          let article: StoredArticle | undefined;
          const result = await ingestUpload({
            uploadsDir,
            fileName,
            bytes,
            reload,
            ...(uploader ? { uploader } : {}),
            cardOf: (abs) => {
              const { manifest, articles } = live.pipeline.snapshot;
              const id = manifest.files?.[abs]?.articles[0];
              article = id ? articles.get(id) : undefined;
              return article?.card ?? null;
            },
            findHash: (sha) => {
              const { manifest, articles } = live.pipeline.snapshot;
              for (const [id, a] of Object.entries(manifest.articles)) if (a.hash === sha) return articles.get(id)?.title ?? id;
              return null;
            },
          });
          return result.kind === 'ingested' ? { ...result, instructions: article?.instructions ?? [] } : result;
        },
        reindex: async () => {
          const summary = await reload();
          logger.info(describeIngest(summary, config.indexDir));
          return reindexResult(summary);
        },
        listUploads: () => listUploads(uploadsDir),
        removeUpload: (id) => removeUpload({ uploadsDir, id, reload }),
      };
  const bot = await runBot(
    {
      answer: live.answer,
      ...(config.telegram.stream && live.pipeline.stream ? { stream: live.stream } : {}),
      corpusInfo: () => live.pipeline.corpusInfo(),
      logger,
      ...writable,
    },
    config.telegram,
  );
  // A fatal API error (token revoked, another poller) ends with a non-zero exit, so a process manager notices.
  const { fatal } = await bot.stopped;
  if (fatal) throw fatal;
  return 0;
});
