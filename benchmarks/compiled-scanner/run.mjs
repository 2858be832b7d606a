// Runs one way of framing a Postfix log and telling each line's kind, and
// prints its CPU per 200 MB (see scan.ts):
//   node benchmarks/compiled-scanner/run.mjs LOG wasm /tmp/scan.wasm
//   node benchmarks/compiled-scanner/run.mjs LOG bytes    # the same algorithm in JavaScript, on bytes
//   node benchmarks/compiled-scanner/run.mjs LOG split2   # split2's lines, the kind told from each string
// Each prints the lines of each kind, so that the three can be seen to agree.

import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const split2 = createRequire(import.meta.url)('split2');
const [log, way, wasmPath] = process.argv.slice(2);
const CHUNK = 1 << 20;
const IN = 1 << 20;
const OUT = 64 << 20;

async function viaWasm() {
  const { scan, lines, memory } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), { env: { abort() { throw new Error('abort'); } } }).exports;
  const bytes = new Uint8Array(memory.buffer);
  const records = new Int32Array(memory.buffer, OUT);
  const kinds = [0, 0, 0, 0, 0, 0];
  let carried = 0;
  for await (const chunk of createReadStream(log, { highWaterMark: CHUNK })) {
    bytes.set(chunk, IN + carried);
    const length = carried + chunk.length;
    const whole = scan(length);
    for (let i = 0, n = lines(); i < n; i++) kinds[records[i * 5 + 2]]++;
    bytes.copyWithin(IN, IN + whole, IN + length);
    carried = length - whole;
  }
  return kinds;
}

function startsWith(b, p, e, s) {
  if (p + s.length > e) return false;
  for (let i = 0; i < s.length; i++) if (b[p + i] !== s.charCodeAt(i)) return false;
  return true;
}

function kindOf(b, f, e) {
  if (startsWith(b, f, e, 'from=')) return 5;
  if (startsWith(b, f, e, 'reject:')) return 4;
  const s = b.indexOf('status=', f);
  if (s < 0 || s >= e) return 0;
  return startsWith(b, s + 7, e, 'sent') ? 1 : startsWith(b, s + 7, e, 'deferred') ? 2 : startsWith(b, s + 7, e, 'bounced') ? 3 : 0;
}

async function viaBytes() {
  const kinds = [0, 0, 0, 0, 0, 0];
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(log, { highWaterMark: CHUNK })) {
    const b = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let p = 0;
    for (let e = b.indexOf(10, p); e >= 0; p = e + 1, e = b.indexOf(10, p)) {
      let kind = 0;
      let t = p + 16;
      while (t < e && b[t] !== 32) t++;
      t++;
      if (startsWith(b, t, e, 'postfix/')) {
        let qs = t;
        while (qs + 1 < e && !(b[qs] === 58 && b[qs + 1] === 32)) qs++;
        qs += 2;
        let qe = qs;
        while (qe < e && b[qe] !== 58 && b[qe] !== 32) qe++;
        if (qe < e && b[qe] === 58) kind = kindOf(b, qe + 2, e);
        else if (startsWith(b, qs, e, 'NOQUEUE: reject:')) kind = 4;
      }
      kinds[kind]++;
    }
    rest = b.subarray(p);
  }
  return kinds;
}

async function viaSplit2() {
  const kinds = [0, 0, 0, 0, 0, 0];
  const onLine = (line) => {
    const t = line.indexOf(' postfix/', 16);
    let kind = 0;
    if (t >= 0) {
      const qs = line.indexOf(': ', t) + 2;
      const qe = line.indexOf(':', qs);
      const f = qe + 2;
      if (line.startsWith('from=', f)) kind = 5;
      else if (line.startsWith('reject:', f) || line.startsWith('NOQUEUE: reject:', qs)) kind = 4;
      else {
        const s = line.indexOf('status=', qe);
        if (s >= 0) kind = line.startsWith('sent', s + 7) ? 1 : line.startsWith('deferred', s + 7) ? 2 : line.startsWith('bounced', s + 7) ? 3 : 0;
      }
    }
    kinds[kind]++;
    return undefined;
  };
  await pipeline(createReadStream(log, { highWaterMark: CHUNK }), split2('\n', onLine), new Writable({ write: (_chunk, _encoding, done) => done() }));
  return kinds;
}

const run = { wasm: viaWasm, bytes: viaBytes, split2: viaSplit2 }[way];
const before = process.cpuUsage();
const kinds = await run();
const used = process.cpuUsage(before);
const seconds = (used.user + used.system) / 1e6;
const megabytes = statSync(log).size / 1e6;
console.log(`${way}: ${seconds.toFixed(2)} s of CPU, ${((seconds * 200) / megabytes).toFixed(2)} s per 200 MB; lines by kind (other, sent, deferred, bounced, reject, from=): ${kinds.join(', ')}`);
