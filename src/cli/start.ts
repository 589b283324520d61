/**
 * `npm start` (see start-main.ts). This entry only decides on source maps before anything else loads: tsx turns
 * them on, and parsing the inline maps of the ~90 modules loaded before the first answer costs about 0.1 s of
 * start-up. They stay on with --debug or DEBUG=1 (stack traces point into the TypeScript sources).
 */
if (!(process.argv.includes('--debug') || process.env.DEBUG === '1')) process.setSourceMapsEnabled(false);
await import('./start-main.js');
