/** `{{formatTime iso}}` → "2026-11-25 14:03 UTC": readable, unambiguous across time zones. */
export function formatTime(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
