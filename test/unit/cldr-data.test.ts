import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateCldrNames, OUTPUT, serialise } from '../../scripts/generate-cldr.ts';

test('the committed CLDR extract is exactly what `npm run gen:cldr` produces from the CLDR packages', () => {
  const committed = readFileSync(OUTPUT, 'utf8');
  assert.equal(committed, serialise(generateCldrNames()), 'glossary/starter/data/cldr-names.json is stale: run npm run gen:cldr');
});

test('the CLDR extract carries the Unicode licence notice', () => {
  const data = JSON.parse(readFileSync(OUTPUT, 'utf8'));
  assert.match(data.license, /Unicode License/);
  assert.match(readFileSync(new URL('../../glossary/starter/data/LICENSE-UNICODE.txt', import.meta.url), 'utf8'), /UNICODE LICENSE V3/);
});
