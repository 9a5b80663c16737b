/**
 * The attack measure of issue 13: while one client sends the largest accepted inputs one
 * after another — a dry-run CSV import, an extraction text, an HTML document for review, an
 * alignment — for `seconds`, another client asks /healthz and /api/lookup in a loop and we
 * report their p99. The server is a child process on a fresh database file (seeded with the
 * starter glossary), so that the measuring client's timers are not on the server's event
 * loop. Rate limits are off in the child: this measures that the work runs off the event
 * loop, not that the limiter refuses it (it would, for an anonymous caller).
 *
 * Run alone: `node --import tsx scripts/bench/attack.ts [--seconds 30] [--scale 1]` (scale < 1
 * shrinks every input, for development).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_SENTENCES } from '../../glossary/align/document-alignment.ts';
import { log, percentile, round } from './stats.ts';

export interface AttackReport {
  seconds: number;
  /** attacks sent, by kind, with their statuses */
  attacks: Record<string, { sent: number; statuses: Record<string, number>; mean_ms: number }>;
  healthz_p99_ms: number;
  lookup_p99_ms: number;
  healthz_max_ms: number;
  lookup_max_ms: number;
  probes: number;
  probe_failures: number;
  input_bytes: Record<string, number>;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** The largest inputs the service accepts (caps in server/schemas and the upload limits). */
function inputs(scale: number) {
  const zhSentence = '科索沃总统访问了普里什蒂纳，随后前往贝尔格莱德会见塞尔维亚外长。';
  const chars = Math.floor(2_000_000 * scale);
  const zh = zhSentence.repeat(Math.floor(chars / zhSentence.length));
  // Alignment: at most MAX_SENTENCES a side are accepted, and 2M characters, so the largest
  // accepted pair is that many sentences of about 100 characters on each side.
  const sentences = Math.floor(MAX_SENTENCES * scale);
  const zhLong = `${zhSentence.slice(0, -1)}，`.repeat(3).replace(/，$/, '。');
  const enLong = 'The President of Kosovo visited Pristina, then went to Belgrade to meet the Serbian minister. ';
  const alignZh = zhLong.repeat(sentences);
  const alignEn = enLong.repeat(sentences);
  const htmlBytes = Math.floor(10 * 1024 * 1024 * scale) - 1024;
  const cell = `<p>${zhSentence}<b>Kosovo</b> <a href="#x">普里什蒂纳</a></p>\n`;
  const html = `<!doctype html><html><body>${cell.repeat(Math.floor(htmlBytes / Buffer.byteLength(cell)))}</body></html>`;
  const csvBytes = Math.floor(50 * 1024 * 1024 * scale) - 64 * 1024;
  const rows: string[] = ['zh-CN,en'];
  let size = 9;
  for (let i = 0; size < csvBytes; i++) {
    const r = `测试术语${i},Test term ${i}`;
    rows.push(r);
    size += Buffer.byteLength(r) + 1;
  }
  const csv = Buffer.from(`${rows.join('\n')}\n`);
  return { zh, alignZh, alignEn, html, csv };
}

async function startChild(): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tb-attack-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TERMBASE_DB: join(dir, 'g.sqlite'),
      TERMBRIDGE_API_RATE_LIMIT: '0',
      TERMBRIDGE_EXPENSIVE_RATE_LIMIT: '0',
      TERMBRIDGE_ANONYMOUS: 'viewer',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d) => log(`  server: ${String(d).trim().slice(0, 300)}`));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { url, child, dir };
}

export async function benchAttack(options: { seconds?: number; scale?: number } = {}): Promise<AttackReport> {
  const seconds = options.seconds ?? 30;
  const scale = options.scale ?? 1;
  const data = inputs(scale);
  const { url, child, dir } = await startChild();
  try {
    log(
      `  server ${url}; inputs: CSV ${round(data.csv.length / 1e6, 1)} MB, HTML ${round(data.html.length / 1e6, 1)} MB, text ${data.zh.length} chars`,
    );
    const attacks: AttackReport['attacks'] = {};
    const kinds: [string, () => Promise<Response>][] = [
      [
        'import dry run (CSV)',
        () => {
          const form = new FormData();
          form.append('file', new Blob([data.csv]), 'big.csv');
          return fetch(`${url}/api/import?dryRun=1`, { method: 'POST', body: form });
        },
      ],
      ['extraction', () => post(`${url}/api/candidates/extract`, { text: data.zh, store: false })],
      ['review (HTML)', () => post(`${url}/api/highlight`, { text: data.html, format: 'html' })],
      ['alignment', () => post(`${url}/api/align`, { zh: data.alignZh, en: data.alignEn })],
    ];
    const end = performance.now() + seconds * 1000;
    let stop = false;
    const attacker = (async () => {
      for (let k = 0; !stop; k++) {
        const [name, send] = kinds[k % kinds.length]!;
        attacks[name] ??= { sent: 0, statuses: {}, mean_ms: 0 };
        const a = attacks[name];
        const t = performance.now();
        let status = 'error';
        try {
          const res = await send();
          await res.arrayBuffer();
          status = String(res.status);
        } catch {}
        a.mean_ms = (a.mean_ms * a.sent + (performance.now() - t)) / (a.sent + 1);
        a.sent++;
        a.statuses[status] = (a.statuses[status] ?? 0) + 1;
      }
    })();
    const healthz: number[] = [];
    const lookup: number[] = [];
    let failures = 0;
    const q = encodeURIComponent('科索沃');
    while (performance.now() < end) {
      for (const [list, path] of [
        [healthz, '/healthz'],
        [lookup, `/api/lookup?q=${q}`],
      ] as const) {
        const t = performance.now();
        try {
          const res = await fetch(url + path, { signal: AbortSignal.timeout(10_000) });
          await res.arrayBuffer();
          if (!res.ok) failures++;
        } catch {
          failures++;
        }
        list.push(performance.now() - t);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    stop = true;
    await attacker;
    for (const a of Object.values(attacks)) a.mean_ms = round(a.mean_ms, 0);
    return {
      seconds,
      attacks,
      healthz_p99_ms: round(percentile(healthz, 99), 1),
      lookup_p99_ms: round(percentile(lookup, 99), 1),
      healthz_max_ms: round(Math.max(...healthz), 1),
      lookup_max_ms: round(Math.max(...lookup), 1),
      probes: healthz.length + lookup.length,
      probe_failures: failures,
      input_bytes: {
        csv: data.csv.length,
        html: Buffer.byteLength(data.html),
        extraction: Buffer.byteLength(data.zh),
        alignment: Buffer.byteLength(data.alignZh) + Buffer.byteLength(data.alignEn),
      },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The issue-13 target: /healthz and /api/lookup p99 stay within this while the attack runs. */
const P99_TARGET_MS = 200;

type TargetFn<T> = (value: number | null | undefined, op: '<=', goal: number, unit: string, note?: string) => T;

/** The targets this measure adds to `npm run bench` (made with its `target` function). */
export function attackTargets<T>(r: AttackReport | undefined, target: TargetFn<T>): Record<string, T> {
  // A probe that failed has no latency to count: the figure would flatter the service.
  const note = r?.probe_failures ? `${r.probe_failures} probes failed` : undefined;
  const of = (v: number | undefined) => (note ? Number.POSITIVE_INFINITY : v);
  return {
    attack_healthz_p99_ms: target(of(r?.healthz_p99_ms), '<=', P99_TARGET_MS, 'ms', note),
    attack_lookup_p99_ms: target(of(r?.lookup_p99_ms), '<=', P99_TARGET_MS, 'ms', note),
  };
}

/** Its rows in the human table: label, target name, detail. */
export function attackRows(r: AttackReport | undefined): [string, string, string][] {
  const sent = r
    ? Object.entries(r.attacks)
        .map(([kind, a]) => `${kind} ${Object.entries(a.statuses).map(([st, n]) => `${n}×${st}`).join('+')}`)
        .join(', ')
    : '';
  return [
    ['/healthz p99 while a stranger sends the largest inputs', 'attack_healthz_p99_ms', r ? ` (max ${r.healthz_max_ms} ms; ${sent})` : ''],
    ['/api/lookup p99 during the same attack', 'attack_lookup_p99_ms', r ? ` (max ${r.lookup_max_ms} ms, ${r.probes} probes)` : ''],
  ];
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, scale: { type: 'string' } }, strict: true });
  const report = await benchAttack({ seconds: Number(values.seconds ?? 30), scale: Number(values.scale ?? 1) });
  console.log(JSON.stringify(report, null, 2));
}
