/**
 * Escaping, one function per syntax. Every writer of HTML or XML text uses these, so that a
 * character is escaped the same way whichever page, export or memory it ends up in.
 */

const HTML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const HTML_ATTRIBUTE: Record<string, string> = { ...HTML_TEXT, '"': '&quot;', "'": '&#39;' };
const XML: Record<string, string> = { ...HTML_TEXT, '"': '&quot;', "'": '&apos;' };

/** HTML element content: markup characters only (quotes are text there). */
export function escapeHtmlText(s: string): string {
  return s.replace(/[&<>]/g, (c) => HTML_TEXT[c]!);
}

/** An HTML attribute value, safe inside double or single quotes. */
export function escapeHtmlAttribute(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ATTRIBUTE[c]!);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove the control characters XML 1.0 forbids
const INVALID_XML_CHARS = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * XML 1.0 text or attribute value (TMX, TBX): characters XML cannot carry are dropped (a
 * control character in a term would make the whole file unreadable), markup characters and
 * both quotes are escaped.
 */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => XML[c]!);
}
