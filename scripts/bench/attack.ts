/**
 * The attack measure of issue 13. One client (the attacker) sends, one after another, the
 * largest inputs the service accepts — a dry-run CSV import, an extraction text, an HTML
 * document for review, an alignment — round robin, until at least `seconds` have passed AND
 * every kind was sent at least once. Meanwhile another client asks /healthz and /api/lookup
 * in a loop; we report their p99 over the whole attack, and per attack kind (the probes that
 * started while that kind was in flight), each figure with its target and pass/fail.
 *
 * The server is a child process on a fresh database file (seeded with the starter glossary),
 * so that the measuring client's timers are not on the server's event loop. Rate limits are
 * off in the child: this measures that the work runs off the event loop, not that the limiter
 * refuses it (it would, for an anonymous caller). The machine is shared: the report carries
 * the load average before and after and the server's CPU time (main thread and all threads,
 * from /proc), so that a miss caused by load can be told from one caused by the service.
 *
 * It also times the hostile-import fuzz cases of test/db/interchange.test.ts (the same
 * generator and seed): the test asserts what they do, this measures how long each takes.
 *
 * Run alone: `node --import tsx scripts/bench/attack.ts [--seconds 30] [--scale 1] [--profile DIR]`
 * (scale < 1 shrinks every input; --profile writes the server's CPU profiles, one per thread,
 * to DIR: for development).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { openDatabase } from '../../db/connection.ts';
import { importStream } from '../../db/interchange/import.ts';
import { MAX_SENTENCES } from '../../glossary/align/document-alignment.ts';
import { MAX_DOCUMENT_BYTES } from '../../glossary/text/document-input.ts';
import { maxPreviewEntries } from '../../server/services/offload.ts';
import { hostileImportInput, HOSTILE_IMPORT_RUNS, HOSTILE_IMPORT_SEED } from '../../test/support/hostile-imports.ts';
import { log, percentile, round } from './stats.ts';

interface Probes {
  healthz_p99_ms: number;
  lookup_p99_ms: number;
  probes: number;
}

export interface AttackReport {
  /** the attack's length (at least the asked seconds, longer when a kind had not been sent yet) */
  seconds: number;
  min_seconds: number;
  /** attacks sent, by kind, with their statuses, and the probes made while each was in flight */
  attacks: Record<string, { sent: number; statuses: Record<string, number>; mean_ms: number; max_ms: number } & Probes>;
  /** every kind was sent at least once and every one was accepted (2xx): the inputs are the largest *accepted* */
  every_kind_accepted: boolean;
  healthz_p99_ms: number;
  lookup_p99_ms: number;
  healthz_max_ms: number;
  lookup_max_ms: number;
  probes: number;
  probe_failures: number;
  input_bytes: Record<string, number>;
  /** rows of the CSV, characters of the extraction text, sentences a side of the alignment */
  input_sizes: Record<string, number>;
  load_average_before: number[];
  load_average_after: number[];
  /** the server's CPU seconds (user+sys) during the attack: its event loop thread, and all its threads */
  server_main_thread_cpu_s: number;
  server_all_threads_cpu_s: number;
  /** the highest nice value among the server's threads near the end of the attack (the pool's niceIncrement) */
  worker_nice: number;
  /** the hostile-import fuzz cases, timed one by one (in-memory database, this process) */
  hostile_imports: { cases: number; p99_ms: number; max_ms: number };
}

const ROOT = new URL('../../', import.meta.url).pathname;
/** the kinds, in the order they are sent */
const KINDS = ['import dry run (CSV)', 'extraction', 'review (HTML)', 'alignment'] as const;

/** The largest inputs the service accepts (caps in server/schemas, the upload limits and the preview cap). */
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
  const htmlBytes = Math.floor(MAX_DOCUMENT_BYTES * scale) - 1024;
  const cell = `<p>${zhSentence}<b>Kosovo</b> <a href="#x">普里什蒂纳</a></p>\n`;
  const html = `<!doctype html><html><body>${cell.repeat(Math.floor(htmlBytes / Buffer.byteLength(cell)))}</body></html>`;
  // A preview reads at most maxPreviewEntries() entries of at most 50 MB: the largest accepted
  // has that many rows, each padded with a definition so that the file nears the byte cap.
  const rowCount = Math.floor(maxPreviewEntries() * scale);
  const csvBytes = Math.floor(50 * 1024 * 1024 * scale) - 64 * 1024;
  const definition = 'd'.repeat(Math.max(0, Math.min(4000, Math.floor(csvBytes / rowCount) - 36)));
  const rows: string[] = ['zh-CN,en,definition'];
  for (let i = 0; i < rowCount; i++) rows.push(`测试术语${i},Test term ${i},${definition}`);
  const csv = Buffer.from(`${rows.join('\n')}\n`);
  return { zh, alignZh, alignEn, html, csv, sentences, rowCount };
}

async function startChild(profileDir?: string): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tb-attack-'));
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(ROOT, 'server/main.ts')], {
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

/** CPU seconds (user+sys) and nice value of one thread, from /proc (zeros where there is none). */
function threadStat(statFile: string): { cpu: number; nice: number } {
  try {
    // Fields after the parenthesised name: utime and stime are the 12th and 13th (clock ticks,
    // 100 Hz), nice the 17th.
    const fields = readFileSync(statFile, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return { cpu: (Number(fields[11]) + Number(fields[12])) / 100, nice: Number(fields[16]) };
  } catch {
    return { cpu: 0, nice: 0 };
  }
}

/** The server's event-loop thread CPU, all its threads' CPU, and the highest nice among them (the pool's). */
function serverCpu(pid: number): { main: number; all: number; nice: number } {
  let all = 0;
  let nice = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const t = threadStat(`/proc/${pid}/task/${tid}/stat`);
      all += t.cpu;
      nice = Math.max(nice, t.nice);
    }
  } catch {}
  return { main: threadStat(`/proc/${pid}/task/${pid}/stat`).cpu, all, nice };
}

/** Each hostile-import fuzz case through importStream, timed (the speed half of the fuzz test). */
async function timeHostileImports(): Promise<AttackReport['hostile_imports']> {
  const cases = fc.sample(hostileImportInput, { numRuns: HOSTILE_IMPORT_RUNS, seed: HOSTILE_IMPORT_SEED });
  const times: number[] = [];
  for (const input of cases) {
    const { db } = openDatabase(':memory:');
    const t = performance.now();
    try {
      await importStream(db, Readable.from([Buffer.from(input)]), {});
    } catch {}
    times.push(performance.now() - t);
    db.close();
  }
  return { cases: times.length, p99_ms: round(percentile(times, 99), 1), max_ms: round(Math.max(...times), 1) };
}

export async function benchAttack(options: { seconds?: number; scale?: number; profileDir?: string } = {}): Promise<AttackReport> {
  const minSeconds = options.seconds ?? 30;
  const scale = options.scale ?? 1;
  const hostile = await timeHostileImports();
  log(`  hostile-import fuzz cases: ${hostile.cases}, p99 ${hostile.p99_ms} ms, max ${hostile.max_ms} ms`);
  const data = inputs(scale);
  const { url, child, dir } = await startChild(options.profileDir);
  try {
    log(
      `  server ${url}; inputs: CSV ${round(data.csv.length / 1e6, 1)} MB (${data.rowCount} rows), HTML ${round(Buffer.byteLength(data.html) / 1e6, 1)} MB, text ${data.zh.length} chars, alignment ${data.sentences} sentences a side`,
    );
    const send: Record<(typeof KINDS)[number], () => Promise<Response>> = {
      'import dry run (CSV)': () => {
        const form = new FormData();
        form.append('file', new Blob([data.csv]), 'big.csv');
        return fetch(`${url}/api/import?dryRun=1`, { method: 'POST', body: form });
      },
      extraction: () => post(`${url}/api/candidates/extract`, { text: data.zh, store: false }),
      // As an upload: that is how a 10 MB document is accepted (a JSON body's escapes push it past the body cap).
      'review (HTML)': () => {
        const form = new FormData();
        form.append('format', 'html');
        form.append('file', new Blob([data.html]), 'big.html');
        return fetch(`${url}/api/highlight`, { method: 'POST', body: form });
      },
      alignment: () => post(`${url}/api/align`, { zh: data.alignZh, en: data.alignEn }),
    };
    type Probe = { kind: string | null; healthz: number; lookup: number };
    const samples: Probe[] = [];
    const attacks: AttackReport['attacks'] = Object.fromEntries(
      KINDS.map((k) => [k, { sent: 0, statuses: {}, mean_ms: 0, max_ms: 0, healthz_p99_ms: 0, lookup_p99_ms: 0, probes: 0 }]),
    );
    let current: string | null = null;
    let stop = false;
    // A server that has answered a lookup before: the index is built on the first one.
    await (await fetch(`${url}/api/lookup?q=${encodeURIComponent('科索沃')}`)).arrayBuffer();
    const loadBefore = loadavg();
    const cpuBefore = serverCpu(child.pid!);
    const started = performance.now();
    const attacker = (async () => {
      const sentKinds = new Set<string>();
      for (let k = 0; performance.now() - started < minSeconds * 1000 || sentKinds.size < KINDS.length; k++) {
        const name = KINDS[k % KINDS.length]!;
        const a = attacks[name]!;
        current = name;
        const t = performance.now();
        let status = 'error';
        try {
          const res = await send[name]();
          await res.arrayBuffer();
          status = String(res.status);
        } catch {}
        const ms = performance.now() - t;
        a.mean_ms = (a.mean_ms * a.sent + ms) / (a.sent + 1);
        a.max_ms = Math.max(a.max_ms, ms);
        a.sent++;
        a.statuses[status] = (a.statuses[status] ?? 0) + 1;
        sentKinds.add(name);
      }
      stop = true;
    })();
    let failures = 0;
    const q = encodeURIComponent('科索沃');
    const probe = async (path: string): Promise<number> => {
      const t = performance.now();
      try {
        const res = await fetch(url + path, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (!res.ok) failures++;
      } catch {
        failures++;
      }
      return performance.now() - t;
    };
    while (!stop) {
      const kind = current;
      samples.push({ kind, healthz: await probe('/healthz'), lookup: await probe(`/api/lookup?q=${q}`) });
      await new Promise((r) => setTimeout(r, 20));
    }
    const niceDuring = serverCpu(child.pid!).nice;
    await attacker;
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = serverCpu(child.pid!);
    const healthz = samples.map((s) => s.healthz);
    const lookup = samples.map((s) => s.lookup);
    for (const [name, a] of Object.entries(attacks)) {
      const mine = samples.filter((s) => s.kind === name);
      a.mean_ms = round(a.mean_ms, 0);
      a.max_ms = round(a.max_ms, 0);
      a.probes = mine.length;
      a.healthz_p99_ms = round(
        percentile(
          mine.map((s) => s.healthz),
          99,
        ),
        1,
      );
      a.lookup_p99_ms = round(
        percentile(
          mine.map((s) => s.lookup),
          99,
        ),
        1,
      );
    }
    return {
      seconds: round(elapsed, 1),
      min_seconds: minSeconds,
      attacks,
      every_kind_accepted: KINDS.every((k) => {
        const a = attacks[k];
        return a !== undefined && a.sent > 0 && Object.keys(a.statuses).every((st) => /^2\d\d$/.test(st));
      }),
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
      input_sizes: { csv_rows: data.rowCount, extraction_chars: data.zh.length, alignment_sentences: data.sentences },
      load_average_before: loadBefore.map((l) => round(l, 2)),
      load_average_after: loadavg().map((l) => round(l, 2)),
      server_main_thread_cpu_s: round(cpuAfter.main - cpuBefore.main, 1),
      server_all_threads_cpu_s: round(cpuAfter.all - cpuBefore.all, 1),
      worker_nice: niceDuring,
      hostile_imports: hostile,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The issue-13 target: /healthz and /api/lookup p99 stay within this while the attack runs. */
const P99_TARGET_MS = 200;
/** No hostile-import fuzz case may take longer (the bound the fuzz test used to assert). */
const HOSTILE_CASE_TARGET_MS = 2000;

type TargetFn<T> = (value: number | boolean | null | undefined, op: '<=' | '=', goal: number | boolean, unit: string, note?: string) => T;

/** The targets this measure adds to `npm run bench` (made with its `target` function). */
export function attackTargets<T>(r: AttackReport | undefined, target: TargetFn<T>): Record<string, T> {
  // A probe that failed has no latency to count: the figure would flatter the service.
  const note = r?.probe_failures ? `${r.probe_failures} probes failed` : undefined;
  const of = (v: number | undefined) => (note ? Number.POSITIVE_INFINITY : v);
  const refused = r
    ? Object.entries(r.attacks)
        .filter(([, a]) => Object.keys(a.statuses).some((st) => !/^2\d\d$/.test(st)))
        .map(([k, a]) => `${k}: ${JSON.stringify(a.statuses)}`)
        .join('; ')
    : '';
  return {
    attack_every_kind_accepted: target(r?.every_kind_accepted, '=', true, '', refused || undefined),
    attack_healthz_p99_ms: target(of(r?.healthz_p99_ms), '<=', P99_TARGET_MS, 'ms', note),
    attack_lookup_p99_ms: target(of(r?.lookup_p99_ms), '<=', P99_TARGET_MS, 'ms', note),
    ...Object.fromEntries(
      KINDS.flatMap((k) => {
        const a = r?.attacks[k];
        const key = k.split(' ')[0]!;
        return [
          [`attack_${key}_healthz_p99_ms`, target(of(a?.healthz_p99_ms), '<=', P99_TARGET_MS, 'ms', note)],
          [`attack_${key}_lookup_p99_ms`, target(of(a?.lookup_p99_ms), '<=', P99_TARGET_MS, 'ms', note)],
        ];
      }),
    ),
    hostile_import_case_max_ms: target(r?.hostile_imports.max_ms, '<=', HOSTILE_CASE_TARGET_MS, 'ms'),
  };
}

/** Its rows in the human table: label, target name, detail. */
export function attackRows(r: AttackReport | undefined): [string, string, string][] {
  const sent = (k: string) => {
    const a = r?.attacks[k];
    return a
      ? ` (${Object.entries(a.statuses)
          .map(([st, n]) => `${n}×${st}`)
          .join('+')}, mean ${a.mean_ms} ms, ${a.probes} probes)`
      : '';
  };
  const cpu = r
    ? ` (${r.seconds} s; server CPU ${r.server_all_threads_cpu_s} s, event loop ${r.server_main_thread_cpu_s} s; workers at nice ${r.worker_nice}; load ${r.load_average_before[0]} → ${r.load_average_after[0]})`
    : '';
  return [
    ['attack: every kind sent and accepted', 'attack_every_kind_accepted', cpu],
    ['/healthz p99 while a stranger sends the largest inputs', 'attack_healthz_p99_ms', r ? ` (max ${r.healthz_max_ms} ms)` : ''],
    ['/api/lookup p99 during the same attack', 'attack_lookup_p99_ms', r ? ` (max ${r.lookup_max_ms} ms, ${r.probes} probes)` : ''],
    ...KINDS.flatMap((k): [string, string, string][] => {
      const key = k.split(' ')[0]!;
      return [
        [`  /healthz p99 during ${k}`, `attack_${key}_healthz_p99_ms`, sent(k)],
        [`  /api/lookup p99 during ${k}`, `attack_${key}_lookup_p99_ms`, ''],
      ];
    }),
    [
      'hostile-import fuzz case, slowest',
      'hostile_import_case_max_ms',
      r ? ` (${r.hostile_imports.cases} cases, p99 ${r.hostile_imports.p99_ms} ms)` : '',
    ],
  ];
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { values } = parseArgs({
    options: { seconds: { type: 'string' }, scale: { type: 'string' }, profile: { type: 'string' } },
    strict: true,
  });
  const report = await benchAttack({
    seconds: Number(values.seconds ?? 30),
    scale: Number(values.scale ?? 1),
    ...(values.profile ? { profileDir: values.profile } : {}),
  });
  console.log(JSON.stringify(report, null, 2));
}
