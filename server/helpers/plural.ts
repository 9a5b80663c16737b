/** `{{plural n "term"}}` → "1 term", "3 terms" */
export function plural(n: unknown, word: unknown): string {
  const count = Number(n);
  return `${count} ${String(word)}${count === 1 ? '' : 's'}`;
}
