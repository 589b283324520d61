/**
 * `npm run ingest -- [--data PATH]... [--index DIR] [--debug]`
 * Builds or incrementally updates the index; progress bar on a terminal, then one summary line on stdout.
 */
import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { createProviders } from '../providers/index.js';
import { createLogger } from './logger.js';
import { describeIngest, runIngest } from '../app/pipeline.js';
import { runMain } from './run-main.js';

runMain(async () => {
  const program = new Command('ingest')
    .description('Ingest articles (.txt, .md, .html, .jsonl, .jsonl.gz; files or folders) into the index.')
    .option('--data <path>', 'file or folder to ingest (repeatable; default: the bundled articles)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--index <dir>', 'index directory (default: INDEX_DIR or vectorstore/)')
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(process.argv);
  const opts = program.opts<{ data: string[]; index?: string }>();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const indexDir = opts.index ?? config.indexDir;
  const paths = opts.data.length > 0 ? opts.data : config.dataPaths;
  const providers = createProviders(config);
  const summary = await runIngest({ paths, indexDir, providers, config, logger, progress: Boolean(process.stderr.isTTY) });
  process.stdout.write(`${describeIngest(summary, indexDir)}\n`);
  return 0;
});
