/**
 * Regenerates glossary/starter/data/cldr-names.json from the CLDR npm packages (devDependencies,
 * about 135 MB, so the product ships only this compact extract). `npm run gen:cldr` writes
 * the file; test/unit/cldr-data.test.ts checks the committed file equals what this produces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** CLDR locale → our language tag */
const LOCALES = { en: 'en', zh: 'zh-CN', 'zh-Hant': 'zh-TW', 'zh-Hant-HK': 'zh-HK' } as const;
type Locale = keyof typeof LOCALES;
type Names = Record<string, string>;

export const OUTPUT = join(import.meta.dirname, '..', 'glossary', 'starter', 'data', 'cldr-names.json');

export interface CldrNames {
  license: string;
  source: string;
  territories: { code: string; names: Names; short?: Names; variant?: Names }[];
  cities: { zone: string; names: Names }[];
}

function readJson(path: string): any {
  return JSON.parse(readFileSync(require.resolve(path), 'utf8'));
}

function territories(locale: Locale): Record<string, string> {
  return readJson(`cldr-localenames-full/main/${locale}/territories.json`).main[locale].localeDisplayNames.territories;
}

/** zone id ("Europe/Belgrade") → exemplar city, walking the nested zone tree */
function exemplarCities(locale: Locale): Map<string, string> {
  const zones = readJson(`cldr-dates-full/main/${locale}/timeZoneNames.json`).main[locale].dates.timeZoneNames.zone;
  const out = new Map<string, string>();
  const walk = (node: any, path: string[]) => {
    if (node && typeof node === 'object' && node._type === 'zone') {
      if (node.exemplarCity) out.set(path.join('/'), node.exemplarCity);
      return;
    }
    for (const [k, v] of Object.entries(node ?? {})) walk(v, [...path, k]);
  };
  walk(zones, []);
  return out;
}

/** every zone id CLDR knows (the union over our locales; English omits exemplar cities it can derive) */
function zoneIds(): string[] {
  const ids = new Set<string>();
  for (const locale of Object.keys(LOCALES) as Locale[]) for (const id of exemplarCities(locale).keys()) ids.add(id);
  return [...ids].filter((id) => !id.startsWith('Etc/')).sort();
}

/**
 * Locale inheritance: zh-Hant-HK holds only what differs from zh-Hant, so a missing HK
 * value means Hong Kong uses the zh-Hant one. English derives missing exemplar cities from
 * the zone id (America/New_York → New York), as CLDR specifies.
 */
function resolve(get: (locale: Locale) => string | undefined, fallbackEn?: string): Names | null {
  const names: Names = {};
  const en = get('en') ?? fallbackEn;
  const zh = get('zh');
  const hant = get('zh-Hant');
  const hk = get('zh-Hant-HK') ?? hant;
  if (!en || !zh) return null;
  names.en = en;
  names['zh-CN'] = zh;
  if (hant) names['zh-TW'] = hant;
  if (hk) names['zh-HK'] = hk;
  return names;
}

export function generateCldrNames(): CldrNames {
  const version = readJson('cldr-localenames-full/package.json').version as string;
  const datesVersion = readJson('cldr-dates-full/package.json').version as string;
  const t = Object.fromEntries((Object.keys(LOCALES) as Locale[]).map((l) => [l, territories(l)])) as Record<Locale, Names>;
  const codes = Object.keys(t.en)
    .filter((k) => /^[A-Z]{2}$/.test(k) && k !== 'ZZ')
    .sort();
  const terr: CldrNames['territories'] = [];
  for (const code of codes) {
    const names = resolve((l) => t[l][code]);
    if (!names) continue;
    const entry: CldrNames['territories'][number] = { code, names };
    for (const alt of ['short', 'variant'] as const) {
      const altNames = resolve((l) => t[l][`${code}-alt-${alt}`]);
      if (altNames) entry[alt] = altNames;
    }
    terr.push(entry);
  }
  const cities = Object.fromEntries((Object.keys(LOCALES) as Locale[]).map((l) => [l, exemplarCities(l)])) as Record<
    Locale,
    Map<string, string>
  >;
  const cityList: CldrNames['cities'] = [];
  for (const zone of zoneIds()) {
    const derived = zone.split('/').at(-1)!.replace(/_/g, ' ');
    const names = resolve((l) => cities[l].get(zone), derived);
    if (names) cityList.push({ zone, names });
  }
  return {
    license:
      'Extracted from the Unicode CLDR (cldr-localenames-full, cldr-dates-full). Copyright © Unicode, Inc. Unicode License v3: see glossary/starter/data/LICENSE-UNICODE.txt.',
    source: `cldr-localenames-full ${version}, cldr-dates-full ${datesVersion}; locales zh → zh-CN, zh-Hant → zh-TW, zh-Hant-HK → zh-HK, en`,
    territories: terr,
    cities: cityList,
  };
}

export function serialise(data: CldrNames): string {
  return `${JSON.stringify(data, null, 1)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const data = generateCldrNames();
  writeFileSync(OUTPUT, serialise(data));
  console.error(`wrote ${OUTPUT}: ${data.territories.length} territories, ${data.cities.length} cities`);
}
