-- Each account may choose its interface language (issue 18): it applies wherever the person logs
-- in, below the header switch's cookie (a choice made on this browser) and above the browser's
-- Accept-Language. NULL: follow the browser. No CHECK here: the list of interface languages lives
-- in server/i18n/locales.ts, the server stores only those, and reads any other value as NULL.
ALTER TABLE users ADD COLUMN ui_locale TEXT;
