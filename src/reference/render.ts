// explain and compare as text, with the section labels the seeds use in
// Vietnamese (--lang vi) or their English equivalents.

import { wrapText } from '../report/render.js';
import type { CauseExplanation, CodeInfo, Comparison, Explanation, Lang } from './explain.js';

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
    failures: 'failures',
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
    failures: 'lỗi',
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

function codeBlock(info: CodeInfo & { subject?: { title: string } }, lang: Lang): string[] {
  const l = LABELS[lang];
  const kind = info.code.includes('.') ? `${info.class.title}${info.subject ? `; ${l.subject.toLowerCase()}: ${info.subject.title}` : ''}` : info.class.title;
  return [
    `SMTP ${info.code} — ${info.title}`,
    `${l.class}: ${kind} (${l.defined.toLowerCase()}: ${info.defined})`,
    ...section(l.description, info.description),
    ...section(l.when, info.when),
    ...section(l.fix, info.fix),
  ];
}

export function renderExplanation(e: Explanation, lang: Lang): string {
  const l = LABELS[lang];
  const out: string[] = [];
  if (e.reply) out.push(...codeBlock(e.reply, lang));
  if (e.enhanced) out.push(...(out.length ? [''] : []), ...codeBlock(e.enhanced, lang));
  if (e.causes.length) {
    out.push('', e.siteTotal !== undefined ? `${l.causes} (${l.site}: ${e.siteTotal} ${l.failures})` : l.causes);
    for (const c of e.causes) {
      const count = c.count !== undefined ? `${String(c.count).padStart(6)}  ` : '';
      out.push(`  ${count}${c.id} — ${c.title}`, wrapText(c.advice, `  ${' '.repeat(count.length)}  `));
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderCauseExplanation(e: CauseExplanation): string {
  const out = [`${e.cause} (${e.direction}) — ${e.title}`, wrapText(e.advice, '  ')];
  if (e.other_directions.length) {
    out.push('', `Worded otherwise for ${e.other_directions.join(' and ')} mail (--direction ${e.other_directions[0]}).`);
  }
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
  return [
    renderExplanation({ ...c.a, causes: [] }, lang).trimEnd(),
    '',
    renderExplanation({ ...c.b, causes: [] }, lang).trimEnd(),
    '',
    l.differences,
    numbered,
    l.calls,
    indent(c.calls.join('\n')),
    '',
  ].join('\n');
}
