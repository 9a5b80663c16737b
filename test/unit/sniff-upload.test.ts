import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectUpload, sniffUpload } from '../../server/middleware/sniff-upload.ts';

const utf16 = (s: string, le = true) => {
  const b = Buffer.from(s, 'utf16le');
  if (!le) b.swap16();
  return b;
};

const cases: [string, Uint8Array, string, string | null][] = [
  ['a TBX file', Buffer.from('<?xml version="1.0"?>\n<tbx type="TBX-Basic" xml:lang="en"><text/></tbx>'), 'tbx', 'utf-8'],
  [
    'an old martif TBX with a BOM',
    Buffer.from('\ufeff<?xml version="1.0"?><!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd"><martif type="TBX">'),
    'tbx',
    'utf-8',
  ],
  [
    'a TBX in UTF-16 with a BOM',
    Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('<?xml version="1.0" encoding="UTF-16"?><tbx>')]),
    'tbx',
    'utf-16le',
  ],
  ['a TBX in UTF-16BE without a BOM', utf16('<?xml version="1.0"?><tbx>', false), 'tbx', 'utf-16be'],
  ['other XML', Buffer.from('<glossary><entry/></glossary>'), 'xml', 'utf-8'],
  ['an HTML page', Buffer.from('<!DOCTYPE html><html><body><p>科索沃</p></body></html>'), 'html', 'utf-8'],
  ['an HTML fragment page', Buffer.from('  <html lang="zh"><head>'), 'html', 'utf-8'],
  ['a UTF-8 CSV', Buffer.from('term_en,term_zh-CN\nKosovo,科索沃\n'), 'text', 'utf-8'],
  ['a GB18030 text (not UTF-8)', Buffer.from([0xbf, 0xc6, 0xcb, 0xf7, 0xce, 0xd6, 0x0a]), 'text', null],
  ['a PDF renamed .tbx', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'binary', null],
  ['a .docx (zip)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), 'binary', null],
  ['an SQLite database', Buffer.from('SQLite format 3\0\x10\0\x01\x01'), 'binary', null],
  ['random bytes with NULs', Buffer.from([1, 2, 0, 200, 3, 0, 7, 8, 9]), 'binary', null],
  ['an empty file', Buffer.alloc(0), 'empty', 'utf-8'],
];

for (const [what, bytes, kind, encoding] of cases) {
  test(`${what} is recognised by its content as ${kind}`, () => {
    const sniff = sniffUpload(bytes);
    assert.equal(sniff.kind, kind);
    assert.equal(sniff.encoding, encoding);
  });
}

test('a UTF-8 character cut at the end of the sniffed head does not make a large file "not UTF-8"', () => {
  const text = Buffer.from('科'.repeat(30_000)); // 90,000 bytes; the head ends inside a character
  assert.equal(sniffUpload(text).encoding, 'utf-8');
});

test('expectUpload refuses with 415 and says what the file looks like', () => {
  assert.throws(
    () => expectUpload(Buffer.from('%PDF-1.4 …'), ['tbx', 'text'], 'glossary'),
    (e: any) =>
      e.status === 415 && e.code === 'unsupported-media-type' && /looks like a PDF, not a TBX file or a text file/.test(e.message),
  );
  assert.throws(
    () => expectUpload(Buffer.alloc(0), ['text']),
    (e: any) => e.status === 400,
  );
  assert.equal(expectUpload(Buffer.from('<tbx>'), ['tbx']).kind, 'tbx');
});
