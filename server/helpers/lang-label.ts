import { langLabel as label } from '../../glossary/concept/lang.ts';

/** `{{langLabel "zh-TW"}}` → "Chinese (Taiwan)" */
export function langLabel(tag: unknown): string {
  return typeof tag === 'string' ? label(tag) : '';
}
