import { escapeXml } from '../text/escape.ts';

/**
 * TMX 1.4 export of aligned pairs, for CAT tools' translation memories. Pairs empty on one
 * side (insertions, deletions) are not translation units and are left out.
 */

export interface TmxUnit {
  source: string;
  target: string;
}

export interface TmxOptions {
  sourceLang: string;
  targetLang: string;
  toolVersion?: string;
  /** ISO 8601 basic format, e.g. 20260101T120000Z; default now */
  creationDate?: string;
}

function basicDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function toTmx(units: readonly TmxUnit[], options: TmxOptions): string {
  const src = escapeXml(options.sourceLang);
  const tgt = escapeXml(options.targetLang);
  const date = options.creationDate ?? basicDate(new Date());
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header creationtool="termbridge" creationtoolversion="${escapeXml(options.toolVersion ?? '0.1.0')}" segtype="sentence" o-tmf="termbridge" adminlang="en" srclang="${src}" datatype="plaintext" creationdate="${date}"/>`,
    '  <body>',
  ];
  let n = 0;
  for (const u of units) {
    if (!u.source.trim() || !u.target.trim()) continue;
    n++;
    lines.push(
      `    <tu tuid="${n}">`,
      `      <tuv xml:lang="${src}"><seg>${escapeXml(u.source)}</seg></tuv>`,
      `      <tuv xml:lang="${tgt}"><seg>${escapeXml(u.target)}</seg></tuv>`,
      '    </tu>',
    );
  }
  lines.push('  </body>', '</tmx>', '');
  return lines.join('\n');
}
