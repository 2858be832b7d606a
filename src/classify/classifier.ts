// The classifier: a diagnostic and what the log says around it in, one cause
// and its evidence out. The rules see the remote server's reply, without the
// MTA's wrapper (remote-reply.ts). The result depends only on the masked reply
// and the hints, so a night's thousands of identical refusals cost one rule
// pass, whichever of a provider's hosts sent them.

import { BoundedMap, ENTRY_BYTES } from '../../parsers/bounded-map.js';
import { clipText } from '../../parsers/clip.js';
import { detach } from '../../parsers/detach.js';
import type { Outcome, SmtpStage } from '../../parsers/events.js';
import type { CauseId } from './causes.js';
import { exitStatusOf, textEvidence } from './evidence.js';
import { fingerprintOf, maskDiagnostic } from './fingerprint.js';
import type { ModelInput, SoftmaxModel, Prediction } from './model.js';
import { trainedModel } from './model-weights.js';
import { declaredHost, hostNames, remoteReply, type HostNames, type RemoteReply } from './remote-reply.js';
import { RULES, type Rule } from './rules.js';

export interface ClassifyInput {
  text: string;
  /** Enhanced status the MTA logged beside the text (Postfix `dsn=`). */
  dsn?: string | null;
  /** SMTP stage the log states outside the text. */
  stage?: SmtpStage | null;
  outcome?: Outcome | null;
  /** The remote host as the MTA names it (`mx.example.com[192.0.2.1]:25`, `mx.example.com [192.0.2.1]`), to tell the site's own relays. */
  relay?: string | null;
}

export interface Classification {
  cause: CauseId;
  /** Id of the rule that decided, null when none did. */
  rule: string | null;
  replyCode: number | null;
  enhancedStatus: string | null;
  stage: SmtpStage | null;
  /** The exit status of the local delivery command that failed (Exim pipe `returned N`, Postfix `Command died with status N`); null for other failures. */
  exitCode: number | null;
  /** true for 5xx / bounced, false for 4xx / deferred, null when nothing says. */
  permanent: boolean | null;
  /** The remote reply (or the whole text where the MTA quotes none), masked. */
  masked: string;
  /** Of the masked reply: the same refusal from mx1 and mx2, or logged by Postfix and by Exim, is one reason. */
  fingerprint: string;
  /** How sure the cause is, 0-1: a rule's own, or how often the model was right at this certainty; 0 when unclassified. */
  confidence: number;
  /** Where no rule matched: the model's best cause and how often it was right that sure (evidence, not a verdict). */
  guess: Prediction | null;
}

/**
 * Confidence of a rule that matched on words, or that the site's declaration
 * decided; of one that matched on codes alone (a code says less than words).
 */
const WORDS_CONFIDENCE = 0.95;
const CODES_CONFIDENCE = 0.75;

/**
 * From this confidence the model decides where no rule matched. On the
 * batches of December 7, classified before the rules or the model had seen
 * them (test/corpus/FIRST-SIGHT.md), its verdicts from here were right 88
 * times of 118 (75%) and raised a batch's accuracy by up to 15 points; from
 * 0.95 they were right 27 of 32, but decided about a quarter as many. Its
 * misses are mostly replies that say little ("550 Rejected", "450 Temporary
 * failure"), which it still names: the confidence and the rule id `model`
 * say how far to trust it.
 */
export const MODEL_DECIDES_FROM = 0.85;

/** Bytes each of the two caches may hold. */
const CACHE_BYTES = 12 * 1024 * 1024;

const OWN_RELAY_RULE: Rule = {
  id: 'own-relay',
  cause: 'outbound-filter',
  seen: 'a relay or appliance the site declared its own (--own-relay)',
};

const OTHER_APPLIANCE_RULE: Rule = {
  id: 'appliance-not-own',
  cause: 'recipient-antispam',
  seen: "outbound-filter wording (Cyberoam, Sophos) from a host that is not one of the site's declared relays: the recipient's appliance",
};

/**
 * Who refused, as far as the site's declaration tells: one of its own relays,
 * another host, or unknown (no relay declared, no host named, or no port
 * logged to tell a declared port from another).
 */
type Refuser = 'own' | 'other' | '';

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

interface Facts extends ModelInput {
  transient: boolean | null;
  permanent: boolean | null;
  exitCode: number | null;
}

function matches(rule: Rule, { masked, code, status, stage, transient }: Facts): boolean {
  if (rule.temporary !== undefined && transient !== rule.temporary) return false;
  if (rule.stage !== undefined && stage !== rule.stage) return false;
  if (rule.status && (status === null || !rule.status.test(status))) return false;
  if (rule.code && (code === null || !rule.code.test(String(code)))) return false;
  return rule.text === undefined || rule.text.test(masked);
}

export interface ClassifierOptions {
  rules?: readonly Rule[];
  cacheLimit?: number;
  /** The site's own relays and filtering appliances, by host name or IP: a refusal from one is `outbound-filter`. */
  ownRelays?: readonly string[];
  /** The model asked where no rule matched on words: the trained one (read when first needed) unless given, none with null. */
  model?: SoftmaxModel | null;
  /** The confidence from which the model decides where no rule matched (Infinity: never, it only guesses). */
  modelDecidesFrom?: number;
}

export class Classifier {
  // Two caches: the exact texts of a night (every recipient's own) would
  // otherwise push the few masked reasons out of a shared one.
  private readonly exact: BoundedMap<string, Classification>;
  private readonly byReason: BoundedMap<string, Classification>;
  private readonly rules: readonly Rule[];
  private readonly ownRelays: readonly HostNames[];
  private model: SoftmaxModel | null | undefined;
  private readonly modelDecidesFrom: number;
  hits = 0;
  misses = 0;

  constructor(options: ClassifierOptions = {}) {
    this.rules = options.rules ?? RULES;
    // Bounded in bytes too: a night of long distinct texts must not fill memory.
    const budget = { bytes: CACHE_BYTES, weigh: (key: string, c: Classification) => ENTRY_BYTES + key.length + c.masked.length };
    this.exact = new BoundedMap(options.cacheLimit ?? 20_000, budget);
    this.byReason = new BoundedMap(options.cacheLimit ?? 20_000, budget);
    this.ownRelays = (options.ownRelays ?? []).map(hostNames);
    this.model = options.model;
    this.modelDecidesFrom = options.modelDecidesFrom ?? MODEL_DECIDES_FROM;
  }

  /**
   * Runs each rule's pattern twice: V8 compiles a RegExp to bytecode when it
   * first runs and to machine code when it runs again, 30 to 40 ms for the
   * built-in rules, which an ingest spends while its source thread starts
   * rather than on its first failures.
   */
  prepare(): void {
    for (const rule of this.rules) rule.text?.test('') || rule.text?.test('');
  }

  private refuser(host: string | null): Refuser {
    if (this.ownRelays.length === 0 || host === null) return '';
    const declared = declaredHost(hostNames(host), this.ownRelays);
    return declared === 'yes' ? 'own' : declared === 'no' ? 'other' : '';
  }

  classify(input: ClassifyInput): Classification {
    // A text past the bound is classified on its head and tail: nothing longer is examined or cached.
    const text = clipText(input.text);
    // A text given without its relay (`maillog classify`) may still name the host in its wrapper.
    let remote: RemoteReply | undefined;
    const host = input.relay ?? (this.ownRelays.length > 0 ? (remote = remoteReply(text)).host : null);
    const refuser = this.refuser(host);
    // Two levels: the exact text (a deferral repeats word for word at every
    // retry) saves even the extraction and the masking; the masked reply groups
    // other recipients and other hosts.
    const rawKey = `${text}\u0000${input.dsn ?? ''}\u0000${input.stage ?? ''}\u0000${input.outcome ?? ''}\u0000${refuser}`;
    const exact = this.exact.get(rawKey);
    if (exact) {
      this.hits++;
      return exact;
    }
    remote ??= remoteReply(text);
    // Cached for the run (as is the raw key below): detached, or it would keep its log chunk alive.
    const masked = detach(maskDiagnostic(remote.reply));
    // The wrapper's stage and a command's exit status are part of the reason's key: they are no longer in the masked text.
    const stage = input.stage ?? remote.stage;
    const key = `${masked}\u0000${input.dsn ?? ''}\u0000${stage ?? ''}\u0000${input.outcome ?? ''}\u0000${refuser}\u0000${exitStatusOf(remote.reply) ?? ''}`;
    let result = this.byReason.get(key);
    if (result) {
      this.hits++;
    } else {
      this.misses++;
      result = this.decide(masked, remote.reply, { ...input, stage }, refuser);
      this.byReason.set(key, result);
    }
    this.exact.set(detach(rawKey), result);
    return result;
  }

  /** What the rules and the model see of a failure: the masked remote reply and the evidence around it. */
  modelInput(input: ClassifyInput): ModelInput {
    const remote = remoteReply(clipText(input.text));
    const { masked, code, status, stage } = facts(maskDiagnostic(remote.reply), remote.reply, { ...input, stage: input.stage ?? remote.stage });
    return { masked, code, status, stage };
  }

  private decide(masked: string, reply: string, input: ClassifyInput, refuser: Refuser): Classification {
    const f = facts(masked, reply, input);
    const found = this.rules.find((r) => matches(r, f));
    // The rules decide. Where they matched on codes alone, or not at all, the model is asked: agreeing with a
    // rule on codes it adds its confidence. Where no rule matched it decides when it is sure enough, and is
    // otherwise kept as a guess beside an unclassified failure. It never overrules a rule: in grouped
    // cross-validation every verdict it would have given over one was wrong.
    const prediction = found?.text ? null : this.predict(f);
    const matched = found ?? (prediction && prediction.confidence >= this.modelDecidesFrom ? modelRule(prediction) : undefined);
    const rule = byDeclaration(matched, f.code, refuser);
    return {
      cause: rule?.cause ?? 'unclassified',
      rule: rule?.id ?? null,
      replyCode: f.code,
      enhancedStatus: f.status,
      stage: f.stage,
      exitCode: f.exitCode,
      permanent: f.permanent,
      masked,
      fingerprint: fingerprintOf(masked),
      confidence: confidenceOf(rule, prediction),
      guess: rule === undefined ? prediction : null,
    };
  }

  /** The model's best cause, unless it is none: it learnt from replies labelled unclassified too. */
  private predict(f: Facts): Prediction | null {
    if (this.model === undefined) this.model = trainedModel();
    const p = this.model?.predict(f) ?? null;
    return p?.cause === 'unclassified' ? null : p;
  }
}

/** The evidence a reply gives, masked and as logged, with what the log said beside it. */
function facts(masked: string, reply: string, input: ClassifyInput): Facts {
  const evidence = textEvidence(masked, reply);
  const status = evidence.enhancedStatus ?? normaliseStatus(input.dsn);
  const permanent = permanence(input.outcome, evidence.replyCode, status);
  return {
    masked,
    code: evidence.replyCode,
    status,
    stage: input.stage ?? evidence.stage,
    permanent,
    transient: transientReply(evidence.replyCode, status, permanent),
    exitCode: evidence.exitCode,
  };
}

const MODEL_RULE_ID = 'model';

/** The model's verdict, in the shape of a rule so that the site's declaration still overrides it. */
function modelRule(prediction: Prediction): Rule {
  return { id: MODEL_RULE_ID, cause: prediction.cause, seen: 'the model trained on the labelled corpus (npm run train)' };
}

/** A rule's own confidence; the model's where it decided; for a rule on codes the model agrees with, the better of the two. */
function confidenceOf(rule: Rule | undefined, prediction: Prediction | null): number {
  if (rule === undefined) return 0;
  if (rule.id === MODEL_RULE_ID) return prediction!.confidence;
  if (rule.text || rule === OWN_RELAY_RULE || rule === OTHER_APPLIANCE_RULE) return WORDS_CONFIDENCE;
  return Math.max(CODES_CONFIDENCE, prediction?.cause === rule.cause ? prediction.confidence : 0);
}

/**
 * The site's declaration over the rules' verdict. Our own relay or appliance
 * refusing is our outbound filter, whatever its words; failing to reach it (no
 * reply, and the rules say unreachable or a DNS fault) is not. Outbound-filter
 * wording from another host, once the site has said which hosts are its own,
 * is the recipient's appliance: the words alone cannot tell whose it is.
 */
function byDeclaration(matched: Rule | undefined, replyCode: number | null, refuser: Refuser): Rule | undefined {
  if (refuser === 'own') {
    // Only words can say the relay was not reached: the model's guess does not outweigh the declaration.
    const unreached = replyCode === null && matched?.id !== MODEL_RULE_ID && (matched?.cause === 'recipient-server-down' || matched?.cause === 'dns-misconfigured');
    return unreached ? matched : OWN_RELAY_RULE;
  }
  return refuser === 'other' && matched?.cause === 'outbound-filter' ? OTHER_APPLIANCE_RULE : matched;
}

function normaliseStatus(dsn: string | null | undefined): string | null {
  if (!dsn) return null;
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(dsn);
  return m ? `${m[1]}.${Number(m[2])}.${Number(m[3])}` : null;
}
