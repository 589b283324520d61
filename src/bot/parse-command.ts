/** Commands as people type them: any case (/Tomtat, /HELP — phone keyboards capitalise), an optional @target. */

/** "/Tomtat@Bot quận 8" → { name: 'tomtat', target: 'bot', arg: 'quận 8' }; null when the text is no command. */
export function parseCommand(text: string): { name: string; target: string | undefined; arg: string } | null {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?=\s|$)\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), target: m[2]?.toLowerCase(), arg: m[3]!.trim() };
}
