/**
 * `npm start`: runs src/cli/start.ts from its JavaScript build (scripts/build.mjs rebuilds dist/ first when a source
 * changed), so start-up does not compile TypeScript. When the build cannot be made (esbuild missing or failing), it
 * says so and runs the sources through tsx instead, as `npm run` scripts do.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuilt } from '../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let entry;
try {
  entry = path.join(await ensureBuilt(root), 'cli', 'start.js');
} catch (error) {
  console.error(`Could not build dist/ (${error instanceof Error ? error.message : String(error)}); running the TypeScript sources through tsx.`);
  (await import('tsx/esm/api')).register();
  entry = path.join(root, 'src', 'cli', 'start.ts');
}
await import(pathToFileURL(entry).href);
