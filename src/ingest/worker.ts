/** Worker-thread entry of PreparePool (see prepare.ts); not imported by anything else. */
import { parentPort, workerData } from 'node:worker_threads';
import { serveWorker, type PortableEmbedder } from './prepare.js';

if (parentPort) await serveWorker(parentPort, workerData as { embedder: { spec: PortableEmbedder; id: string } | null });
