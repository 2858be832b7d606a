// The classifier: a diagnostic and what the log says around it in, one cause
// and its evidence out. The result depends only on the masked text and the
// hints, so a night's thousands of identical refusals cost one rule pass.

import { BoundedMap } from '../../parsers/bounded-map.js';
import { detach } from '../../parsers/detach.js';
import type { Outcome, SmtpStage } from '../../parsers/events.js';
import type { CauseId } from './causes.js';
import { textEvidence } from './evidence.js';
import { fingerprintOf, maskDiagnostic } from './fingerprint.js';
import { RULES, type Rule } from './rules.js';

export interface ClassifyInput {
  text: string;
  /** Enhanced status the MTA logged beside the text (Postfix `dsn=`). */
  dsn?: string | null;
  /** SMTP stage the log states outside the text. */
  stage?: SmtpStage | null;
  outcome?: Outcome | null;
}

export interface Classification {
  cause: CauseId;
  /** Id of the rule that decided, null when none did. */
  rule: string | null;
  replyCode: number | null;
  enhancedStatus: string | null;
  stage: SmtpStage | null;
  /** true for 5xx / bounced, false for 4xx / deferred, null when nothing says. */
  permanent: boolean | null;
  masked: string;
  fingerprint: string;
}

function permanence(outcome: Outcome | null | undefined, replyCode: number | null, status: string | null): boolean | null {
  if (outcome === 'bounced' || outcome === 'expired') return true;
  if (outcome === 'deferred') return false;
  const leading = replyCode !== null ? Math.floor(replyCode / 100) : status !== null ? Number(status[0]) : null;
  if (leading === 5) return true;
  if (leading === 4) return false;
  return outcome === 'rejected' ? true : null;
}

/** Whether the reply itself was transient (4xx): an expired message keeps the verdict of its 4xx deferrals. */
function transientReply(code: number | null, status: string | null, permanent: boolean | null): boolean | null {
  if (code !== null) return Math.floor(code / 100) === 4;
  if (status !== null) return status[0] === '4';
  return permanent === null ? null : !permanent;
}

function matches(rule: Rule, masked: string, code: number | null, status: string | null, transient: boolean | null): boolean {
  if (rule.temporary !== undefined && transient !== rule.temporary) return false;
  if (rule.status && (status === null || !rule.status.test(status))) return false;
  if (rule.code && (code === null || !rule.code.test(String(code)))) return false;
  return rule.text === undefined || rule.text.test(masked);
}

export class Classifier {
  private readonly cache: BoundedMap<string, Classification>;
  hits = 0;
  misses = 0;

  constructor(
    private readonly rules: readonly Rule[] = RULES,
    cacheLimit = 20_000,
  ) {
    this.cache = new BoundedMap(cacheLimit);
  }

  classify(input: ClassifyInput): Classification {
    // Two levels: the exact text (a deferral repeats word for word at every
    // retry) saves even the masking; the masked text groups other recipients.
    const hints = `\u0000${input.dsn ?? ''}\u0000${input.stage ?? ''}\u0000${input.outcome ?? ''}`;
    const rawKey = input.text + hints;
    const exact = this.cache.get(rawKey);
    if (exact) {
      this.hits++;
      return exact;
    }
    // Cached for the run (as is the raw key below): detached, or it would keep its log chunk alive.
    const masked = detach(maskDiagnostic(input.text));
    const key = `\u0001${masked}${hints}`;
    let result = this.cache.get(key);
    if (result) {
      this.hits++;
    } else {
      this.misses++;
      result = this.decide(masked, input);
      this.cache.set(key, result);
    }
    this.cache.set(detach(rawKey), result);
    return result;
  }

  private decide(masked: string, input: ClassifyInput): Classification {
    const evidence = textEvidence(masked);
    const enhancedStatus = evidence.enhancedStatus ?? normaliseStatus(input.dsn);
    const permanent = permanence(input.outcome, evidence.replyCode, enhancedStatus);
    const transient = transientReply(evidence.replyCode, enhancedStatus, permanent);
    const rule = this.rules.find((r) => matches(r, masked, evidence.replyCode, enhancedStatus, transient));
    return {
      cause: rule?.cause ?? 'unclassified',
      rule: rule?.id ?? null,
      replyCode: evidence.replyCode,
      enhancedStatus,
      stage: input.stage ?? evidence.stage,
      permanent,
      masked,
      fingerprint: fingerprintOf(masked),
    };
  }
}

function normaliseStatus(dsn: string | null | undefined): string | null {
  if (!dsn) return null;
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(dsn);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null;
}
