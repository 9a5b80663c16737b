import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'parse5';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { reviewDocument, reviewGlossary } from '../../glossary/review/review.ts';
import { safeUrl, sanitiseHtml } from '../../glossary/text/html-document.ts';

// Issue 13, item 8: the scheme check saw a leading U+00A0 (no scheme: "relative"), then
// String#trim removed it and wrote `javascript:` out. The check and the output must be the
// same string, normalised as the browser's URL parser does.

const glossary = reviewGlossary(buildMatcher([]), []);

/** every href in rendered HTML, as the browser's tree builder reads it (entities decoded) */
function hrefs(html: string): string[] {
  const out: string[] = [];
  const walk = (n: any) => {
    for (const a of n.attrs ?? []) if (a.name === 'href') out.push(a.value);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parse(html));
  return out;
}

/** What the browser's URL parser does before it reads a scheme (WHATWG URL, basic URL parser). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the URL parser strips C0 controls
const browserForm = (href: string) => href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
const scriptScheme = (href: string) => /^(javascript|data|vbscript):/i.test(browserForm(href));

const INVISIBLE_LEADERS = ['\u00a0', '\u3000', '\ufeff', '\u2028', '\u2029', '\u200b', '\u2060', '\u00ad', '\u180e', ' \u00a0 '];

for (const lead of INVISIBLE_LEADERS) {
  const name = [...lead].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
  test(`a javascript: or data: link after a leading ${name} is not written out`, () => {
    for (const target of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const href = `${lead}${target}`;
      const safe = safeUrl(href);
      assert.ok(safe === null || !scriptScheme(safe), `safeUrl(${JSON.stringify(href)}) = ${JSON.stringify(safe)}`);
      for (const h of hrefs(sanitiseHtml(`<a href="${href}">x</a>`))) assert.ok(!scriptScheme(h), `HTML href ${JSON.stringify(h)}`);
    }
  });

  test(`a Markdown link to javascript: after a leading ${name} is not written out`, () => {
    for (const md of [
      `[x](${lead}javascript:alert(1))`,
      `[x](<${lead}javascript:alert(1)>)`,
      `<a href="${lead}javascript:alert(1)">x</a>`,
    ]) {
      const { html } = reviewDocument(md, glossary, { format: 'md', render: true });
      for (const h of hrefs(html!)) assert.ok(!scriptScheme(h), `${JSON.stringify(md)} gave href ${JSON.stringify(h)}`);
    }
  });
}

test('the href written out is the URL as the browser reads it, not a trimmed copy', () => {
  assert.equal(safeUrl('  https://example.org/a b  '), 'https://example.org/a b');
  assert.equal(safeUrl('\u00a0https://example.org/'), '\u00a0https://example.org/');
  assert.equal(safeUrl('https://exa\nmple.org/'), 'https://example.org/');
  assert.equal(safeUrl('\\\\evil.example/'), null);
});

test('property: whatever surrounds or splits a script scheme, no rendered href has one', () => {
  const junk = fc.constantFrom(
    '\u0000',
    '\t',
    '\n',
    '\r',
    ' ',
    '\u00a0',
    '\u3000',
    '\ufeff',
    '\u2028',
    '\u2029',
    '\u200b',
    '\u0085',
    '&#10;',
    '&#xA0;',
    '&nbsp;',
    '&Tab;',
  );
  fc.assert(
    fc.property(
      fc.array(junk, { maxLength: 4 }),
      fc.constantFrom('javascript', 'JAVASCRIPT', 'data', 'vbscript'),
      fc.integer({ min: 0, max: 10 }),
      fc.array(junk, { maxLength: 2 }),
      (lead, scheme, cut, inner) => {
        const at = Math.min(cut, scheme.length);
        const href = `${lead.join('')}${scheme.slice(0, at)}${inner.join('')}${scheme.slice(at)}:alert(1)`;
        for (const h of hrefs(sanitiseHtml(`<a href="${href}">x</a>`))) assert.ok(!scriptScheme(h), JSON.stringify(h));
        const { html } = reviewDocument(`[x](${href})`, glossary, { format: 'md', render: true });
        for (const h of hrefs(html!)) assert.ok(!scriptScheme(h), JSON.stringify(h));
      },
    ),
    { numRuns: 300 },
  );
});
