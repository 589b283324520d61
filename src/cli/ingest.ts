/**
 * `npm run ingest -- [--data PATH]... [--forget PATH]... [--index DIR] [--debug]`
 * Builds or incrementally updates the index; progress bar on a terminal, then one summary line on stdout.
 * Inputs are sticky (the index's earlier inputs are read too); --forget drops one with its articles.
 * Exit 0 when every input was read (bad files skipped with a warning); 1 when some file could not be read to its
 * end (its previous articles were kept; each is named with its line on stderr) or on an error.
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
    .option('--forget <path>', 'drop an earlier input and its articles (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--index <dir>', 'index directory (default: INDEX_DIR or vectorstore/)')
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(process.argv);
  const opts = program.opts<{ data: string[]; forget: string[]; index?: string }>();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const indexDir = opts.index ?? config.indexDir;
  const paths = opts.data.length > 0 ? opts.data : config.dataPaths;
  const providers = createProviders(config);
  const summary = await runIngest({ paths, forget: opts.forget, indexDir, providers, config, logger, progress: Boolean(process.stderr.isTTY) });
  process.stdout.write(`${describeIngest(summary, indexDir)}\n`);
  if (summary.incomplete.length > 0) {
    const where = summary.incomplete.map((p) => (p.line ? `${p.path}:${p.line}` : p.path)).join(', ');
    process.stderr.write(
      `${summary.incomplete.length} input file(s) could not be read to the end: ${where}. Their previous articles were kept.\n` +
        'Fix or finish copying them, then run the ingest again.\n',
    );
    return 1;
  }
  return 0;
});
