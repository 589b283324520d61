/** Types of scripts/build.mjs (see its contract). */
export interface SourceList {
  files: string[];
  newest: number;
}
/** Builds dist/ from `root`/src unconditionally; returns dist/. */
export function build(root: string, current?: SourceList): Promise<string>;
/** dist/ of `root`, rebuilt first when a source changed since the last build. */
export function ensureBuilt(root: string): Promise<string>;
