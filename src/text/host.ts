/** "https://www.nguoilambao.vn/x" → "nguoilambao.vn"; null when not a web address. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
