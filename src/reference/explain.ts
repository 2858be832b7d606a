// What `explain` and `compare` say, as data: the renderers (text, JSON) and
// the tests read these objects. Pure: the site's counts come in as an argument.

import type { Direction } from '../../parsers/events.js';
import { causeText, otherWordings, type CauseId } from '../classify/causes.js';
import type { Lang } from '../lang.js';
import { ENHANCED_CLASSES, ENHANCED_SUBJECTS } from './enhanced-codes.js';
import type { CodeText } from './entry.js';
import type { Lookup } from './lookup.js';

export type { Lang };

/** RFC 5321's classes of reply codes, by first digit. */
const REPLY_CLASSES: Record<string, { id: string; en: string; vi: string; action: { en: string; vi: string } }> = {
  '2': {
    id: 'positive-completion',
    en: 'positive completion',
    vi: 'hoàn tất tích cực',
    action: { en: 'the command succeeded: no action is needed', vi: 'lệnh đã thành công: không cần làm gì' },
  },
  '3': {
    id: 'positive-intermediate',
    en: 'positive intermediate',
    vi: 'trung gian tích cực',
    action: { en: 'the server waits for the rest of the exchange: no action is needed', vi: 'máy chủ chờ phần tiếp theo của phiên: không cần làm gì' },
  },
  '4': {
    id: 'transient-negative',
    en: 'transient negative completion',
    vi: 'thất bại tạm thời',
    action: {
      en: 'a temporary failure: the sending server retries by itself; act only if it lasts until the message expires',
      vi: 'lỗi tạm thời: máy chủ gửi tự thử lại; chỉ cần xử lý nếu lỗi kéo dài đến khi thư hết hạn',
    },
  },
  '5': {
    id: 'permanent-negative',
    en: 'permanent negative completion',
    vi: 'thất bại vĩnh viễn',
    action: {
      en: 'a permanent failure: the message bounces; the address, the configuration or the policy it names must be fixed before sending again',
      vi: 'lỗi vĩnh viễn: thư bị trả lại; phải sửa địa chỉ, cấu hình hoặc chính sách liên quan trước khi gửi lại',
    },
  },
};

export interface ClassInfo {
  id: string;
  title: string;
}

export interface CodeInfo extends CodeText {
  code: string;
  class: ClassInfo;
  defined: string;
}

export interface CauseInfo {
  id: CauseId;
  title: string;
  advice: string;
  /** This site's failures with this code and cause in the last 30 days; absent without a database. */
  count?: number;
}

export interface Explanation {
  query: string;
  reply: CodeInfo | null;
  enhanced: (CodeInfo & { subject: ClassInfo & { description: string } }) | null;
  causes: CauseInfo[];
  /** Failures of the site with this code, per cause (last 30 days), when a database was read. */
  siteTotal?: number;
}

function text<T extends CodeText>(entry: T & { vi?: Partial<CodeText> }, lang: Lang): CodeText {
  const vi = lang === 'vi' ? (entry.vi ?? {}) : {};
  return {
    title: vi.title ?? entry.title,
    description: vi.description ?? entry.description,
    when: vi.when ?? entry.when,
    fix: vi.fix ?? entry.fix,
  };
}

export function replyClass(code: string, lang: Lang): ClassInfo & { action: string } {
  const c = REPLY_CLASSES[code[0]];
  return { id: c.id, title: c[lang], action: c.action[lang] };
}

/** What a code means; its causes are worded as seen from `direction` (outbound when not given). */
export function explain(found: Lookup, lang: Lang, counts?: Map<CauseId, number>, direction?: Direction): Explanation {
  const reply = found.reply;
  const enhanced = found.enhanced;
  const replyInfo: Explanation['reply'] = reply && {
    code: String(reply.code),
    class: replyClass(String(reply.code), lang),
    defined: reply.entry.defined,
    ...text(reply.entry, lang),
  };
  let enhancedInfo: Explanation['enhanced'] = null;
  if (enhanced) {
    const cls = ENHANCED_CLASSES[enhanced.classDigit];
    const subject = ENHANCED_SUBJECTS[enhanced.subjectDigit];
    const classTitle = lang === 'vi' ? cls.vi.title : cls.title;
    const subjectInfo = {
      id: enhanced.subjectDigit,
      title: lang === 'vi' ? subject.vi.title : subject.title,
      description: lang === 'vi' ? subject.vi.description : subject.description,
    };
    // A detail the registry does not list is explained by its class and subject.
    const body: CodeText = enhanced.entry
      ? text(enhanced.entry, lang)
      : { title: subjectInfo.title, description: `${lang === 'vi' ? cls.vi.description : cls.description} ${subjectInfo.description}`, when: '', fix: '' };
    enhancedInfo = {
      code: enhanced.code,
      class: { id: enhanced.classDigit, title: classTitle },
      subject: subjectInfo,
      defined: enhanced.entry?.defined ?? 'RFC 3463',
      ...body,
    };
  }
  // The causes the enhanced code narrows to, else the reply code's; only failures have causes.
  const failure = (reply && reply.code >= 400) || (enhanced && enhanced.classDigit !== '2');
  const listed: CauseId[] = !failure ? [] : enhanced?.entry?.causes.length ? enhanced.entry.causes : (reply?.entry.causes ?? []);
  const ids = [...listed];
  if (counts) for (const id of counts.keys()) if (!ids.includes(id)) ids.push(id);
  // With the site's counts, the causes it actually has come first.
  if (counts) ids.sort((x, y) => (counts.get(y) ?? 0) - (counts.get(x) ?? 0));
  const causes = ids.map((id) => ({
    id,
    ...causeText(id, direction, lang),
    ...(counts ? { count: counts.get(id) ?? 0 } : {}),
  }));
  const explanation: Explanation = { query: found.query, reply: replyInfo, enhanced: enhancedInfo, causes };
  if (counts) explanation.siteTotal = [...counts.values()].reduce((a, n) => a + n, 0);
  return explanation;
}

/** `explain CAUSE`: the texts the report shows for the cause in that direction. */
export interface CauseExplanation {
  cause: CauseId;
  direction: Direction;
  title: string;
  advice: string;
  /** The other directions whose texts for this cause differ from these. */
  other_directions: Direction[];
}

export function explainCause(cause: CauseId, direction: Direction, lang: Lang = 'en'): CauseExplanation {
  const worded: Direction[] = ['outbound', ...otherWordings(cause)];
  const other = worded.includes(direction) ? worded.filter((d) => d !== direction) : [];
  return { cause, direction, ...causeText(cause, direction, lang), other_directions: other };
}

export interface Comparison {
  a: Explanation;
  b: Explanation;
  /** What sets the two apart, the class first; what each description says is not repeated here. */
  differences: string[];
  /** What each code calls for, where its entry says more than its class does (the differences say that). */
  calls: string[];
}

/** The reply class digit of an explanation: from the reply code, else from the enhanced code's class. */
function classDigit(e: Explanation): string {
  return e.reply?.code[0] ?? e.enhanced!.code[0];
}

function label(e: Explanation): string {
  const main = e.reply ?? e.enhanced!;
  return `${e.query} (${main.title})`;
}

/** `5xx` for a reply code, `5.x.x` for an enhanced status code. */
const classForm = (code: string) => (code.includes('.') ? `${code[0]}.x.x` : `${code[0]}xx`);

const WORDS = {
  en: {
    classOf: (code: string, cls: string) => `${code} is a ${classForm(code)} ${cls} reply`,
    while: ', while ',
    sameClass: (a: string, b: string, cls: string, action: string) => `${a} and ${b} are both ${cls} replies (${action}).`,
    subjects: (a: string, sa: string, b: string, sb: string) => `${a} is about ${sa.toLowerCase()}, ${b} about ${sb.toLowerCase()}.`,
    onlyCauses: (a: string, onlyA: string, b: string, onlyB: string) => `Causes only ${a} can mean: ${onlyA}; only ${b}: ${onlyB}.`,
    none: 'none',
    for: 'For',
  },
  vi: {
    classOf: (code: string, cls: string) => `${code} là mã ${classForm(code)} (${cls})`,
    while: ', còn ',
    sameClass: (a: string, b: string, cls: string, action: string) => `${a} và ${b} đều là mã ${cls} (${action}).`,
    subjects: (a: string, sa: string, b: string, sb: string) => `${a} thuộc nhóm ${sa.toLowerCase()}, ${b} thuộc nhóm ${sb.toLowerCase()}.`,
    onlyCauses: (a: string, onlyA: string, b: string, onlyB: string) => `Nguyên nhân chỉ ${a} có thể mang: ${onlyA}; chỉ ${b}: ${onlyB}.`,
    none: 'không có',
    for: 'Với',
  },
} as const;

export function compare(a: Explanation, b: Explanation, lang: Lang): Comparison {
  const differences: string[] = [];
  const ca = replyClass(classDigit(a), lang);
  const cb = replyClass(classDigit(b), lang);
  const w = WORDS[lang];
  // What each class calls for is said here, once per class.
  if (ca.id === cb.id) differences.push(w.sameClass(a.query, b.query, ca.title, ca.action));
  else differences.push(`${w.classOf(a.query, ca.title)}${w.while}${w.classOf(b.query, cb.title)}.`, `${a.query}: ${ca.action}.`, `${b.query}: ${cb.action}.`);
  const [sa, sb] = [a.enhanced?.subject, b.enhanced?.subject];
  if (sa && sb && sa.id !== sb.id) differences.push(w.subjects(a.query, sa.title, b.query, sb.title));
  const causesA = new Set(a.causes.map((c) => c.id));
  const causesB = new Set(b.causes.map((c) => c.id));
  const onlyA = [...causesA].filter((c) => !causesB.has(c));
  const onlyB = [...causesB].filter((c) => !causesA.has(c));
  if (onlyA.length || onlyB.length) {
    const list = (ids: CauseId[]) => (ids.length ? ids.join(', ') : w.none);
    differences.push(w.onlyCauses(a.query, list(onlyA), b.query, list(onlyB)));
  }
  const calls = [a, b].flatMap((e) => {
    const fix = (e.reply ?? e.enhanced!).fix;
    return fix ? [`${w.for} ${label(e)}: ${fix}`] : [];
  });
  return { a, b, differences, calls };
}
