import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toTmx } from '../../glossary/align/tmx.ts';
import { writeTbx } from '../../glossary/interchange/tbx/write.ts';
import { escapeHtmlAttribute, escapeHtmlText, escapeXml } from '../../glossary/text/escape.ts';

test('HTML text escapes markup characters only', () => {
  assert.equal(escapeHtmlText(`<b>"Côte d'Ivoire" & co</b>`), `&lt;b&gt;"Côte d'Ivoire" &amp; co&lt;/b&gt;`);
});

test('an HTML attribute value escapes both quotes too', () => {
  assert.equal(escapeHtmlAttribute(`"x" & 'y' <z>`), '&quot;x&quot; &amp; &#39;y&#39; &lt;z&gt;');
});

test('XML escapes both quotes and drops characters XML 1.0 cannot carry', () => {
  assert.equal(escapeXml(`a\u0001b "c" 'd' & <e>\uFFFE`), 'ab &quot;c&quot; &apos;d&apos; &amp; &lt;e&gt;');
  assert.equal(escapeXml('\u{20000}\t\n'), '\u{20000}\t\n');
});

test("TMX writes ' the XML way", () => {
  const tmx = toTmx([{ source: '科特迪瓦', target: "Côte d'Ivoire" }], {
    sourceLang: 'zh-CN',
    targetLang: 'en',
    creationDate: '20260101T000000Z',
  });
  assert.match(tmx, /<seg>Côte d&apos;Ivoire<\/seg>/);
});

test("TBX writes ' the same way as TMX", async () => {
  let xml = '';
  await writeTbx([{ terms: [{ text: "Côte d'Ivoire", lang: 'en', status: 'preferred' }] }], {
    write: (s: string) => {
      xml += s;
      return true;
    },
  });
  assert.match(xml, /<term>Côte d&apos;Ivoire<\/term>/);
});
