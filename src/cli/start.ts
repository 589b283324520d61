/**
 * `npm start` (see start-main.ts; bin/start.mjs runs this module's build from dist/). This entry only decides on
 * source maps before anything else loads: off by default (parsing the maps of the ~90 modules loaded before the first
 * answer costs about 0.1 s of start-up); on with --debug or DEBUG=1, so stack traces point into the TypeScript
 * sources (dist/ carries linked maps; tsx inline ones).
 */
process.setSourceMapsEnabled(process.argv.includes('--debug') || process.env.DEBUG === '1');
await import('./start-main.js');
