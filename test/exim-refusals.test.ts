// Exim's SMTP server refusing a client outside its ACLs: each line as Exim
// 4.96 writes it, with the log_write() of its source in a comment.

import { describe, expect, it } from 'vitest';
import { EximParser } from '../parsers/exim/parser.js';
import { failuresOf, parseLines } from './helpers.js';

const refusals = (lines: string[]) => {
  const { events, kinds } = parseLines(new EximParser(), lines);
  return { kinds, rejects: failuresOf(events).map((e) => ({ outcome: e.outcome, direction: e.direction, stage: e.stage, relay: e.relay, sender: e.sender, recipient: e.recipient, diagnostic: e.diagnostic })) };
};

const inbound = { outcome: 'rejected', direction: 'inbound', sender: null, recipient: null };

describe('protocol faults', () => {
  it('reads input sent before the greeting as a refusal at CONNECT', () => {
    // smtp_in.c: log_write(0, LOG_MAIN|LOG_REJECT, "SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from %s input=\"%s\"", host_and_ident(TRUE), ...)
    expect(refusals(['2026-11-22 18:46:43 SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[192.0.2.1] input="EHLO the.local.host.name\\r\\nSTARTTLS\\r\\n"'])).toEqual({
      kinds: ['recognised'],
      rejects: [{ ...inbound, stage: 'CONNECT', relay: '[192.0.2.1]', diagnostic: 'SMTP protocol synchronization error (input sent without waiting for greeting)' }],
    });
  });

  it('reads input sent too soon at the stage of the command it followed, without the input', () => {
    // smtp_in.c: log_write(0, LOG_MAIN|LOG_REJECT, "SMTP protocol synchronization error (next input sent too soon: pipelining was%s advertised): rejected \"%s\" %s next input=\"%s\"", ..., smtp_cmd_buffer, host_and_ident(TRUE), ...)
    const { rejects } = refusals([
      '2026-11-22 18:46:43 SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised): rejected "ehlo abcd" H=[192.0.2.1] next input="mail fr<suppressed>',
      '2026-11-22 18:46:43 SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised): rejected "mail from:<userx@test.ex>" H=mail.example.org (abcd) [192.0.2.2]:50123 I=[192.0.2.25]:25 next input="rcpt to:<userx@test.ex>\\r\\n"',
      '2026-11-22 18:46:43 SMTP protocol synchronization error (next input sent too soon: pipelining was advertised): rejected "data" H=(abcd) [192.0.2.3] next input="the mes<suppressed>',
      '2026-11-22 18:46:43 SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised): rejected "junk1" H=[192.0.2.4] next input="junk2\\r<suppressed>',
    ]);
    expect(rejects.map((r) => [r.stage, r.relay, r.diagnostic])).toEqual([
      ['HELO', '[192.0.2.1]', 'SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised)'],
      ['MAIL FROM', 'mail.example.org[192.0.2.2]', 'SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised)'],
      ['DATA', '[192.0.2.3]', 'SMTP protocol synchronization error (next input sent too soon: pipelining was advertised)'],
      [null, '[192.0.2.4]', 'SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised)'],
    ]);
  });

  it('reads a call dropped after too many bad commands, at the stage of the last one', () => {
    // smtp_in.c: "SMTP call from %s dropped: too many unrecognized commands (last was \"%s\")",
    // "SMTP call from %s dropped: too many syntax or protocol errors (last command was \"%s\", %s)" (synprot_error),
    // "SMTP call from %s dropped: too many nonmail commands (last was \"%.*s\")", each with host_and_ident(FALSE)
    const { rejects } = refusals([
      '2026-11-22 18:46:43 SMTP call from [192.0.2.1]:40000 I=[192.0.2.25]:25 dropped: too many unrecognized commands (last was "unknown")',
      '2026-11-22 18:46:43 SMTP call from (tester) [192.0.2.2] dropped: too many syntax or protocol errors (last command was "mail from:<>",  C=HELO,MAIL,MAIL,MAIL)',
      '2026-11-22 18:46:43 SMTP call from mail.example.org (test.host) [192.0.2.3] U=ident dropped: too many nonmail commands (last was "vrfy")',
    ]);
    expect(rejects).toEqual([
      { ...inbound, stage: null, relay: '[192.0.2.1]', diagnostic: 'too many unrecognized commands' },
      { ...inbound, stage: 'MAIL FROM', relay: '[192.0.2.2]', diagnostic: 'too many syntax or protocol errors' },
      { ...inbound, stage: null, relay: 'mail.example.org[192.0.2.3]', diagnostic: 'too many nonmail commands' },
    ]);
  });

  it('reads a HELO refused for its syntax without the argument it echoes, and MAIL before any HELO', () => {
    // smtp_in.c: "rejected %s from %s: syntactically invalid argument(s): %s" (hello, host_and_ident(FALSE), the argument),
    // "rejected MAIL from %s: no HELO/EHLO given" (host_and_ident(FALSE))
    const { rejects } = refusals([
      '2026-11-22 18:46:43 rejected EHLO from [192.0.2.1]: syntactically invalid argument(s): !@#$%^&*(',
      '2026-11-22 18:46:43 rejected HELO from (mail.example.org) [2001:db8::1]:50000 I=[2001:db8::25]:25: syntactically invalid argument(s): (no argument given)',
      '2026-11-22 18:46:43 rejected MAIL from [192.0.2.2]: no HELO/EHLO given',
    ]);
    expect(rejects).toEqual([
      { ...inbound, stage: 'HELO', relay: '[192.0.2.1]', diagnostic: 'syntactically invalid argument(s)' },
      { ...inbound, stage: 'HELO', relay: '[2001:db8::1]', diagnostic: 'syntactically invalid argument(s)' },
      { ...inbound, stage: 'MAIL FROM', relay: '[192.0.2.2]', diagnostic: 'no HELO/EHLO given' },
    ]);
  });

  it('reads unqualified addresses refused at their command, with the address', () => {
    // smtp_in.c: "unqualified %s rejected: <%s> %s%s" (recipient or sender, the address, host_and_ident(TRUE), host_lookup_msg)
    const { rejects } = refusals([
      '2026-11-22 18:46:43 unqualified recipient rejected: <postmaster> H=(client) [192.0.2.1]',
      '2026-11-22 18:46:43 unqualified sender rejected: <root> H=(client) [192.0.2.1]',
    ]);
    expect(rejects).toEqual([
      { ...inbound, stage: 'RCPT TO', relay: '[192.0.2.1]', recipient: 'postmaster', diagnostic: 'unqualified recipient rejected' },
      { ...inbound, stage: 'MAIL FROM', relay: '[192.0.2.1]', sender: 'root', diagnostic: 'unqualified sender rejected' },
    ]);
  });
});

describe('limits', () => {
  it('reads too many messages in one connection at MAIL, and too many recipients at RCPT with the sender', () => {
    // smtp_in.c: "rejected MAIL command %s: too many messages in one connection" (host_and_ident(TRUE)),
    // "too many recipients: message rejected: sender=<%s> %s", "too many recipients: excess temporarily rejected: sender=<%s> %s"
    const { rejects } = refusals([
      '2026-11-22 18:46:43 rejected MAIL command H=(client) [192.0.2.1]:40000 I=[192.0.2.25]:25: too many messages in one connection',
      '2026-11-22 18:46:43 too many recipients: message rejected: sender=<bulk@example.net> H=mail.example.net [192.0.2.2]',
      '2026-11-22 18:46:43 too many recipients: excess temporarily rejected: sender=<bulk@example.net> H=mail.example.net [192.0.2.2]',
    ]);
    expect(rejects).toEqual([
      { ...inbound, stage: 'MAIL FROM', relay: '[192.0.2.1]', diagnostic: 'too many messages in one connection' },
      { ...inbound, stage: 'RCPT TO', relay: 'mail.example.net[192.0.2.2]', sender: 'bulk@example.net', diagnostic: 'too many recipients: message rejected' },
      { ...inbound, stage: 'RCPT TO', relay: 'mail.example.net[192.0.2.2]', sender: 'bulk@example.net', diagnostic: 'too many recipients: excess temporarily rejected' },
    ]);
  });

  it('has no client for SMTP over standard input (exim -bs), which Exim names by its user', () => {
    // The same log_write() calls, for SMTP over standard input (exim -bs): host_and_ident gives U=user, or the user alone.
    // Exim's test suite: log/0453, log/0019 and log/0034.
    const { rejects } = refusals([
      '2026-11-22 18:46:43 rejected HELO from CALLER: syntactically invalid argument(s): (no argument given)',
      '2026-11-22 18:46:43 too many recipients: excess temporarily rejected: sender=<x@y> U=CALLER',
      '2026-11-22 18:46:43 SMTP call from CALLER dropped: too many nonmail commands (last was "ehlo")',
    ]);
    expect(rejects.map((r) => [r.relay, r.stage])).toEqual([
      [null, 'HELO'],
      [null, 'RCPT TO'],
      [null, 'HELO'],
    ]);
  });

  it('reads the size limit and the Received-header limit, a space before H= or not', () => {
    // smtp_in.c: "rejected MAIL FROM:<%s> %s: message too big: size%s=%d max=%d";
    // receive.c: "rejected from <%s>%s%s%s%s: message too big: read=%d max=%d" (" H=") and "...: Too many \"Received\" headers" ("H=")
    const { rejects } = refusals([
      '2026-11-22 18:46:43 rejected MAIL FROM:<sender@example.net> H=(client) [192.0.2.1]:33098 I=[192.0.2.25]:25: message too big: size=54069 max=20480',
      '2026-11-22 18:46:43 1tXyzA-000123-AB rejected from <sender@example.net> H=(client) [192.0.2.1]:33110: message too big: read=53365 max=20480',
      '2026-11-22 18:46:43 1tXyzB-000124-AB rejected from <loop@example.net>H=mail.example.net [192.0.2.2]: Too many "Received" headers',
    ]);
    expect(rejects).toEqual([
      { ...inbound, stage: 'MAIL FROM', relay: '[192.0.2.1]', sender: 'sender@example.net', diagnostic: 'message too big: size=54069 max=20480' },
      { ...inbound, stage: 'DATA', relay: '[192.0.2.1]', sender: 'sender@example.net', diagnostic: 'message too big: read=53365 max=20480' },
      { ...inbound, stage: 'DATA', relay: 'mail.example.net[192.0.2.2]', sender: 'loop@example.net', diagnostic: 'Too many "Received" headers' },
    ]);
  });
});

describe('connections refused', () => {
  it('reads the refusals of smtp_in.c and the daemon at CONNECT, in their words without the client', () => {
    // smtp_in.c: "refused connection from %s (host_reject_connection)", "temporarily refused connection from %s: not in reserve list: connected=%d max=%d reserve=%d%s",
    // "connection from %s refused (IP options)", each with host_and_ident(FALSE);
    // daemon.c: "Connection from %s refused: too many connections", "Connection from %s refused: load average = %.2f" (whofrom: [ip], :port, I=)
    const { kinds, rejects } = refusals([
      '2026-11-22 18:46:43 refused connection from [192.0.2.1] (host_reject_connection)',
      '2026-11-22 18:46:43 temporarily refused connection from mail.example.org [192.0.2.2]: not in reserve list: connected=9 max=10 reserve=1',
      '2026-11-22 18:46:43 connection from [192.0.2.3]:40001 refused (IP options)',
      '2026-11-22 18:46:43 Connection from [192.0.2.4]:40002 I=[192.0.2.25]:25 refused: too many connections',
      '2026-11-22 18:46:43 Connection from [192.0.2.5] refused: load average = 12.50',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised', 'recognised', 'recognised']);
    expect(rejects).toEqual([
      { ...inbound, stage: 'CONNECT', relay: '[192.0.2.1]', diagnostic: 'refused connection (host_reject_connection)' },
      { ...inbound, stage: 'CONNECT', relay: 'mail.example.org[192.0.2.2]', diagnostic: 'temporarily refused connection: not in reserve list: connected=9 max=10 reserve=1' },
      { ...inbound, stage: 'CONNECT', relay: '[192.0.2.3]', diagnostic: 'connection refused (IP options)' },
      { ...inbound, stage: 'CONNECT', relay: '[192.0.2.4]', diagnostic: 'Connection refused: too many connections' },
      { ...inbound, stage: 'CONNECT', relay: '[192.0.2.5]', diagnostic: 'Connection refused: load average = 12.50' },
    ]);
  });

  it('still reads the connect ACL refusing a host, for good or for now', () => {
    // smtp_in.c smtp_handle_acl_fail: "%s%s%s %s%srejected %s%s", where for the connect ACL `what` is
    // acl_wherenames[ACL_WHERE_CONNECT] ("connection", globals.c) and `in "connect" ACL`, and the log_message follows ": ".
    const { rejects } = refusals([
      '2026-11-22 18:46:43 H=[192.0.2.1] rejected connection in "connect" ACL',
      '2026-11-22 18:46:43 H=mail.example.org [192.0.2.2]:40000 I=[192.0.2.25]:25 temporarily rejected connection in "connect" ACL: too many connections from your host',
    ]);
    expect(rejects).toEqual([
      { ...inbound, stage: 'CONNECT', relay: '[192.0.2.1]', diagnostic: 'connection in "connect" ACL' },
      { ...inbound, stage: 'CONNECT', relay: 'mail.example.org[192.0.2.2]', diagnostic: 'too many connections from your host' },
    ]);
  });

  it('counts a refusal once when the reject log repeats it', () => {
    const line = '2026-11-22 18:46:43 refused connection from [192.0.2.1] (host_reject_connection)';
    expect(refusals([line, line]).rejects).toHaveLength(1);
  });

  it('reads a refusal cut before its reason as malformed', () => {
    // The smtp_in.c shapes above, cut where a full disk or a hostile writer may end a line.
    const { kinds, rejects } = refusals([
      '2026-11-22 18:46:43 rejected MAIL from [192.0.2.2]',
      '2026-11-22 18:46:43 too many recipients: message rejected: sender=<bulk@exa',
      '2026-11-22 18:46:43 refused connection from [192.0.2.1]',
    ]);
    expect(kinds).toEqual(['malformed', 'malformed', 'malformed']);
    expect(rejects).toEqual([]);
  });
});

describe('local_scan', () => {
  it('reads a message local_scan refused after DATA, with its sender (bare in F=) and client', () => {
    // receive.c: log_write(0, LOG_MAIN|LOG_REJECT, "%s %srejected by local_scan(): %.256s", "F=" sender + add_host_info_for_log(), istemp, ...);
    // the second line as fail2ban's exim-spam test log has it, from a real SA-Exim server.
    const { kinds, rejects } = refusals([
      '2026-11-22 18:46:43 1tXyzA-000123-AB F=<> H=mail.example.org (helo.example.org) [192.0.2.7]:40000 I=[192.0.2.25]:25 P=esmtp temporarily rejected by local_scan(): Temporary local problem',
      '2013-06-09 10:21:28 [14127] 1UlasQ-0003fr-45 F=mcorporation4@aol.com H=(mail38.fssprus.ru) [46.254.240.82]:43671 I=[1.2.3.4]:25 P=esmtp rejected by local_scan(): Rejected',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(rejects).toEqual([
      { ...inbound, stage: 'end of DATA', relay: 'mail.example.org[192.0.2.7]', sender: '', diagnostic: 'temporarily rejected by local_scan(): Temporary local problem' },
      { ...inbound, stage: 'end of DATA', relay: '[46.254.240.82]', sender: 'mcorporation4@aol.com', diagnostic: 'rejected by local_scan(): Rejected' },
    ]);
  });
});
