/** TEMPORARY (delete before commit): stands in for src/cli/start.ts while the pipeline is unfinished. */
import pino from 'pino';
import { loadConfig } from '../config/config.js';
import { answer, CORPUS } from '../testing/telegram-fixtures.js';
import { runBot } from './run.js';

const config = loadConfig();
const logger = pino({ level: config.logLevel }, pino.destination(2));
await runBot({ answer: async (q) => answer({ question: q }), corpusInfo: () => CORPUS, logger }, config.telegram);
