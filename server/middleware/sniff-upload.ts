/**
 * Uploads are checked by content, not by name: `sniffUpload(buffer)` says what the bytes are
 * (tbx, xml, html, text, empty, binary — with the encoding), `expectUpload(buffer, kinds)`
 * throws a 415 naming what the file looks like. Give it the first chunk of a stream.
 * The implementation is pure and lives in glossary/text/sniff.ts so that db/ may use it too.
 */
export { expectUpload, sniffUpload } from '../../glossary/text/sniff.ts';
