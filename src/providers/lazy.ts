/**
 * `load` run once, on the first call of the returned function; later calls share its promise. A rejection is not
 * kept: the call that saw it rejects, and the next call runs `load` again (a failed import or client set-up is
 * retried on the next request).
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    }));
}
