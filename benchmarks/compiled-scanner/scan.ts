// A measured experiment, not part of maillog: how fast a compiled scanner
// (AssemblyScript compiled to WebAssembly) frames a Postfix log and tells
// each line's kind, against the same work in JavaScript (run.mjs). Built
// outside the project's compile (tsconfig excludes this folder):
//
//   npx --package assemblyscript@0.28 asc benchmarks/compiled-scanner/scan.ts -O3 --runtime stub --initialMemory 1600 -o /tmp/scan.wasm
//
// Input at IN (past the module's static data), one record of five i32 per
// whole line at OUT: start, end, kind (0 other, 1 sent, 2 deferred,
// 3 bounced, 4 reject, 5 qmgr's from=), the queue id's start and end.

const IN: usize = 1 << 20;
const OUT: usize = 64 << 20;
let records: i32 = 0;

function startsWith(p: usize, end: usize, s: string): bool {
  const n = <usize>s.length;
  if (p + n > end) return false;
  for (let i: usize = 0; i < n; i++) if (load<u8>(p + i) != <u8>s.charCodeAt(<i32>i)) return false;
  return true;
}

function kindOf(f: usize, e: usize): i32 {
  if (startsWith(f, e, 'from=')) return 5;
  if (startsWith(f, e, 'reject:')) return 4;
  for (let s = f; s + 7 < e; s++) {
    if (load<u8>(s) != 115 || !startsWith(s, e, 'status=')) continue;
    if (startsWith(s + 7, e, 'sent')) return 1;
    if (startsWith(s + 7, e, 'deferred')) return 2;
    if (startsWith(s + 7, e, 'bounced')) return 3;
    return 0;
  }
  return 0;
}

/** Scans `len` bytes at IN; returns how many were whole lines (the rest is the next call's start). */
export function scan(len: i32): i32 {
  records = 0;
  const end = IN + <usize>len;
  let o = OUT;
  let p = IN;
  while (p < end) {
    let e = p;
    while (e < end && load<u8>(e) != 10) e++;
    if (e >= end) break;
    let kind = 0;
    let qs: usize = 0;
    let qe: usize = 0;
    let t = p + 16; // past the RFC 3164 stamp, then the host name
    while (t < e && load<u8>(t) != 32) t++;
    t++;
    if (startsWith(t, e, 'postfix/')) {
      qs = t;
      while (qs + 1 < e && !(load<u8>(qs) == 58 && load<u8>(qs + 1) == 32)) qs++;
      qs += 2;
      qe = qs;
      while (qe < e && load<u8>(qe) != 58 && load<u8>(qe) != 32) qe++;
      if (qe < e && load<u8>(qe) == 58) kind = kindOf(qe + 2, e);
      else if (startsWith(qs, e, 'NOQUEUE: reject:')) kind = 4;
    }
    store<i32>(o, <i32>(p - IN));
    store<i32>(o, <i32>(e - IN), 4);
    store<i32>(o, kind, 8);
    store<i32>(o, <i32>(qs - IN), 12);
    store<i32>(o, <i32>(qe - IN), 16);
    o += 20;
    records++;
    p = e + 1;
  }
  return <i32>(p - IN);
}

export function lines(): i32 {
  return records;
}
