import * as OpenCC from 'opencc-js';
import { bmpCodes, HAN } from './chars.ts';
import { foldUnit } from './fold.ts';
import { lazy } from './lazy.ts';

/**
 * Which Chinese script a document is written in, to guess its target locale when the editor
 * does not say. Per Han unit: Traditional-only when folding changes it (it has a Simplified
 * form), Simplified-only when opencc's Simplified → Traditional conversion changes it. Most
 * characters are common to both and do not vote. zh-TW and zh-HK share the script; review
 * refines between them with the names it finds. Candidate extraction uses the same vote to tag
 * the forms it proposes.
 */
const SIMPLIFIED = 1;
const TRADITIONAL = 2;
/** per BMP unit: SIMPLIFIED, TRADITIONAL or 0; opencc's dictionaries are loaded on first use, not at import */
const scriptTable = lazy((): Uint8Array => {
  const t = new Uint8Array(0x10000);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const codes = bmpCodes(HAN);
  const han = codes.map((u) => String.fromCharCode(u));
  // Newlines stop opencc's phrase matching: each character is converted on its own.
  const out = toTraditional(han.join('\n')).split('\n');
  for (let i = 0; i < han.length; i++) {
    const u = codes[i]!;
    if (foldUnit(u) !== u) t[u] = TRADITIONAL;
    else if (out[i] !== han[i]) t[u] = SIMPLIFIED;
  }
  return t;
});

export interface ScriptCounts {
  simplified: number;
  traditional: number;
}

/** Count script-specific characters (the first `limit` units are plenty to decide). */
function countScript(text: string, limit = 200_000): ScriptCounts {
  const t = scriptTable();
  let simplified = 0;
  let traditional = 0;
  const n = Math.min(text.length, limit);
  for (let i = 0; i < n; i++) {
    const k = t[text.charCodeAt(i)];
    if (k === SIMPLIFIED) simplified++;
    else if (k === TRADITIONAL) traditional++;
  }
  return { simplified, traditional };
}

/** zh-CN for Simplified text (and text with no Chinese), zh-TW for Traditional. */
export function guessLocaleFromScript(text: string): 'zh-CN' | 'zh-TW' {
  const { simplified, traditional } = countScript(text);
  return traditional > simplified ? 'zh-TW' : 'zh-CN';
}
