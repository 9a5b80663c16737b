// @ts-check
// The page scripts' messages: the server puts the `js.*` messages of the page's language in
// <body data-ui-messages> as JSON, and this module formats them with the same
// ICU library (intl-messageformat) the server uses. Loaded as a module before the page scripts
// (module and deferred scripts run in document order), it publishes `window.termbridge.t`.
// It also asks before any form marked data-confirm is sent (deleting a concept, removing an account).
import { IntlMessageFormat } from '/static/vendor/intl-messageformat.js';

/** @typedef {Record<string, string | number | boolean | null | undefined>} MessageValues */
/** @typedef {{ locale: string, messages: Record<string, string> }} ClientMessages */

/** @type {ClientMessages} */
let data = { locale: 'en', messages: {} };
try {
  data = JSON.parse(document.body.dataset.uiMessages || '{}');
} catch {
  // An unreadable block leaves the keys visible, which the browser tests would catch.
}

/** @type {Map<string, IntlMessageFormat>} */
const compiled = new Map();

/**
 * @param {string} key
 * @param {MessageValues} [values]
 * @returns {string}
 */
function t(key, values) {
  const source = data.messages?.[key];
  if (source === undefined) return key;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(source, data.locale);
    compiled.set(key, format);
  }
  const out = format.format(withSelectKeys(values));
  return Array.isArray(out) ? out.join('') : String(out);
}

/**
 * As on the server (server/i18n/catalogue.ts): ICU select keys cannot hold a hyphen, so every
 * string value `x` is also passed as `xKey` with `_` for `-`.
 * @param {MessageValues} [values]
 * @returns {Record<string, string | number | boolean>}
 */
function withSelectKeys(values) {
  /** @type {Record<string, string | number | boolean>} */
  const out = {};
  for (const [name, v] of Object.entries(values ?? {})) {
    if (v === null || v === undefined) continue;
    out[name] = v;
    if (typeof v === 'string') out[`${name}Key`] = v.replace(/-/g, '_');
  }
  return out;
}

/**
 * An API refusal in the page's language: the API's sentences are English (README), so English
 * pages show them and the others say the sentence of its stable code from the catalogue.
 * @param {{ code: string, message: string } | undefined} error
 * @param {string} fallback what to say when there is no error body (a network or server failure)
 * @returns {string}
 */
function refusal(error, fallback) {
  if (!error) return fallback;
  if (data.locale === 'en') return error.message || fallback;
  return t('errorCode', { code: error.code }) || fallback;
}

window.termbridge = { t, refusal, locale: data.locale };

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
  if (!window.confirm(form.dataset.confirm)) event.preventDefault();
});
