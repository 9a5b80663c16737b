import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Status } from '../../glossary/concept/types.ts';
import { escapeXml } from '../../glossary/text/escape.ts';
import type { SyntheticEntry } from './synthetic.ts';

/**
 * The benchmark's TBX v3 (TBX-Basic, DCA style) file, written here rather than by the
 * product's exporter so that the import is timed on a file the product did not make itself.
 * Streamed concept by concept: 100,000 concepts are about 50 MB and never one string.
 */

const STATUS: Record<Status, string> = {
  preferred: 'preferredTerm-admn-sts',
  admitted: 'admittedTerm-admn-sts',
  deprecated: 'deprecatedTerm-admn-sts',
  forbidden: 'deprecatedTerm-admn-sts',
};

export const TBX_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n' +
  '\t<tbxHeader>\n\t\t<fileDesc>\n\t\t\t<sourceDesc>\n\t\t\t\t<p>termbridge benchmark: synthetic transliterated names</p>\n' +
  '\t\t\t</sourceDesc>\n\t\t</fileDesc>\n\t</tbxHeader>\n\t<text>\n\t\t<body>\n';
export const TBX_TAIL = '\t\t</body>\n\t</text>\n</tbx>\n';

/** One conceptEntry, terms grouped in langSecs in the order the languages first appear. */
export function conceptEntryXml(e: SyntheticEntry, index: number): string {
  const c = e.input;
  let s = `\t\t\t<conceptEntry id="${escapeXml(e.externalId)}">\n`;
  if (c.subject) s += `\t\t\t\t<descrip type="subjectField">${escapeXml(c.subject)}</descrip>\n`;
  const langs = [...new Set(c.terms.map((t) => t.lang))];
  for (const lang of langs) {
    s += `\t\t\t\t<langSec xml:lang="${lang}">\n`;
    if (lang === 'en' && index % 7 === 0) {
      s += `\t\t\t\t\t<descrip type="definition">${escapeXml(`${e.person ? 'A person' : 'A place'} named ${e.en}.`)}</descrip>\n`;
    }
    for (const t of c.terms) {
      if (t.lang !== lang) continue;
      s += '\t\t\t\t\t<termSec>\n';
      s += `\t\t\t\t\t\t<term>${escapeXml(t.text)}</term>\n`;
      s += `\t\t\t\t\t\t<termNote type="administrativeStatus">${STATUS[t.status]}</termNote>\n`;
      if (t.type && t.type !== 'fullForm') s += `\t\t\t\t\t\t<termNote type="termType">${t.type}</termNote>\n`;
      if (index % 5 === 0) s += '\t\t\t\t\t\t<admin type="source">termbridge benchmark generator</admin>\n';
      s += '\t\t\t\t\t</termSec>\n';
    }
    s += '\t\t\t\t</langSec>\n';
  }
  return `${s}\t\t\t</conceptEntry>\n`;
}

/** Write the entries as one TBX v3 file; resolves with its size in bytes. */
export async function writeTbxFile(entries: readonly SyntheticEntry[], path: string): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const put = async (chunk: string): Promise<void> => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await put(TBX_HEAD);
  let batch = '';
  for (let i = 0; i < entries.length; i++) {
    batch += conceptEntryXml(entries[i]!, i);
    if (batch.length > 64 * 1024) {
      await put(batch);
      batch = '';
    }
  }
  await put(batch + TBX_TAIL);
  out.end();
  await once(out, 'finish');
  return bytes;
}
