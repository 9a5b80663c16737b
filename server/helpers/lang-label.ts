import type { HelperOptions } from 'handlebars';
import { translate } from '../i18n/catalogue.ts';
import { pageLocale } from './t.ts';

/** `{{langLabel "zh-TW"}}` → "Chinese (Taiwan)", "中文（台湾）", "中文（臺灣）" by the page's locale. */
export function langLabel(tag: unknown, options: HelperOptions): string {
  return typeof tag === 'string' ? translate(pageLocale(options), 'lang.label', { tag }) : '';
}
