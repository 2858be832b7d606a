// explain and compare as text, with the section labels the seeds use in
// Vietnamese (--lang vi) or their English equivalents.

import type { Direction } from '../../parsers/events.js';
import { plural } from '../output.js';
import { wrapText } from '../report/render.js';
import type { CauseExplanation, CodeInfo, Comparison, Explanation, Lang } from './explain.js';

/** The directions as a reader says them in Vietnamese; --direction takes the ids. */
const DIRECTION_VI: Record<Direction, string> = {
  outbound: 'thư gửi đi',
  local: 'thư giao nội bộ',
  inbound: 'thư máy chủ của ta từ chối',
};

const LABELS = {
  en: {
    class: 'Class',
    defined: 'Defined in',
    subject: 'Subject',
    description: 'Description',
    when: 'When you see it',
    fix: 'How to fix',
    causes: 'Causes it can mean',
    site: 'This site, last 30 days',
    differences: 'Key differences',
    calls: 'Which calls for what',
    failures: (n: number) => plural(n, 'failure'),
    otherwise: (directions: Direction[]) => `Worded otherwise for ${directions.join(' and ')} mail (--direction ${directions[0]}).`,
  },
  vi: {
    class: 'Loại',
    defined: 'Định nghĩa',
    subject: 'Nhóm',
    description: 'Mô tả',
    when: 'Khi bạn thấy mã này',
    fix: 'Cách khắc phục',
    causes: 'Các nguyên nhân có thể',
    site: 'Hệ thống này, 30 ngày qua',
    differences: 'Sự khác biệt chính',
    calls: 'Khi nào dùng cái nào',
    failures: (n: number) => `${n} lỗi`,
    otherwise: (directions: Direction[]) => `Có cách diễn đạt khác cho ${directions.map((d) => DIRECTION_VI[d]).join(' và ')} (--direction ${directions[0]}).`,
  },
} as const;

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => wrapText(l, '  '))
    .join('\n');
}

function section(title: string, body: string): string[] {
  return body ? [title, indent(body)] : [];
}

/** A code's title, class, description and when it is seen; its fix too, unless `withFix` is false. */
function codeBlock(info: CodeInfo & { subject?: { title: string } }, lang: Lang, withFix: boolean): string[] {
  const l = LABELS[lang];
  const kind = info.code.includes('.') ? `${info.class.title}${info.subject ? `; ${l.subject.toLowerCase()}: ${info.subject.title}` : ''}` : info.class.title;
  return [
    `SMTP ${info.code} — ${info.title}`,
    `${l.class}: ${kind} (${l.defined.toLowerCase()}: ${info.defined})`,
    ...section(l.description, info.description),
    ...section(l.when, info.when),
    ...(withFix ? section(l.fix, info.fix) : []),
  ];
}

/** The reply code's block, then the enhanced status code's. */
function codeBlocks(e: Explanation, lang: Lang, withFix: boolean): string[] {
  const reply = e.reply ? codeBlock(e.reply, lang, withFix) : [];
  const enhanced = e.enhanced ? codeBlock(e.enhanced, lang, withFix) : [];
  return reply.length && enhanced.length ? [...reply, '', ...enhanced] : [...reply, ...enhanced];
}

export function renderExplanation(e: Explanation, lang: Lang): string {
  const l = LABELS[lang];
  const out = codeBlocks(e, lang, true);
  if (e.causes.length) {
    out.push('', e.siteTotal !== undefined ? `${l.causes} (${l.site}: ${l.failures(e.siteTotal)})` : l.causes);
    for (const c of e.causes) {
      const count = c.count !== undefined ? `${String(c.count).padStart(6)}  ` : '';
      out.push(wrapText(`${count}${c.id} — ${c.title}`, '  '), wrapText(c.advice, `  ${' '.repeat(count.length)}  `));
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderCauseExplanation(e: CauseExplanation, lang: Lang): string {
  const out = [wrapText(`${e.cause} (${e.direction}) — ${e.title}`, ''), wrapText(e.advice, '  ')];
  if (e.other_directions.length) out.push('', wrapText(LABELS[lang].otherwise(e.other_directions), ''));
  return `${out.join('\n')}\n`;
}

export function renderComparison(c: Comparison, lang: Lang): string {
  const l = LABELS[lang];
  // Numbered, with continuation lines under the text.
  const numbered = c.differences
    .map((d, i) => {
      const lines = wrapText(d, '     ').split('\n');
      lines[0] = `  ${i + 1}. ${lines[0].trimStart()}`;
      return lines.join('\n');
    })
    .join('\n');
  // Each code's fix is said once, under what it calls for.
  return [
    ...codeBlocks(c.a, lang, false),
    '',
    ...codeBlocks(c.b, lang, false),
    '',
    l.differences,
    numbered,
    ...(c.calls.length ? [l.calls, indent(c.calls.join('\n'))] : []),
    '',
  ].join('\n');
}
