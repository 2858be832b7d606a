// A delivery command that failed. Exim's pipe transport logs its exit status,
// transports/pipe.c: "Child process of %s transport returned %d", then what
// sysexits.h says of it (os.c os_strexit) and " from command:" and the command.
// The failure is local, and the exit status is evidence the classifier reports.

import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { EximParser } from '../parsers/exim/parser.js';
import { cli, failuresOf, parseLines } from './helpers.js';

// Exim's test suite, log/0194 (temp_errors left at 75, EX_TEMPFAIL, the default).
const DEFERRED = '2026-11-22 18:46:43 1tXyzA-000123-AB == userx@example.org R=all T=piperet defer (0): Child process of piperet transport returned 75 (could mean temporary error) from command: /usr/local/bin/filter';
const BOUNCED = '2026-11-22 18:46:44 1tXyzB-000124-AB ** userx@example.org R=all T=piperet: Child process of piperet transport returned 99 from command: /usr/local/bin/filter';

describe('a delivery command that failed', () => {
  it('is a local failure, deferred or bounced as the exit status made Exim decide', () => {
    const events = failuresOf(parseLines(new EximParser(), [DEFERRED, BOUNCED]).events);
    expect(events.map((e) => [e.outcome, e.direction, e.recipient, e.relay])).toEqual([
      ['deferred', 'local', 'userx@example.org', null],
      ['bounced', 'local', 'userx@example.org', null],
    ]);
  });

  it('is the failure of the address a .forward or alias piped for, not of the command', () => {
    // deliver.c logs a pipe address as the command, then its parent address in <>.
    const line = '2026-11-22 18:46:45 1tXyzC-000125-AB ** |/usr/bin/procmail -f- <bob@example.org> R=userforward T=address_pipe: Child process of address_pipe transport returned 67 (could mean user unknown) from command: /usr/bin/procmail';
    expect(failuresOf(parseLines(new EximParser(), [line]).events)).toMatchObject([{ recipient: 'bob@example.org', direction: 'local', outcome: 'bounced' }]);
  });

  it('has its exit status in the classification, and an SMTP refusal has none', () => {
    const classifier = new Classifier();
    const [deferred, bounced] = failuresOf(parseLines(new EximParser(), [DEFERRED, BOUNCED]).events);
    expect(classifier.classify({ text: deferred.diagnostic, outcome: deferred.outcome }).exitCode).toBe(75);
    expect(classifier.classify({ text: bounced.diagnostic, outcome: bounced.outcome }).exitCode).toBe(99);
    // Postfix pipe and local, global/pipe_command.c: "Command died with status %d: \"%s\"".
    expect(classifier.classify({ text: 'Command died with status 67: "/usr/lib/dovecot/deliver"', dsn: '5.1.1' }).exitCode).toBe(67);
    expect(classifier.classify({ text: 'SMTP error from remote mail server after RCPT TO:<a@example.org>: 550 5.1.1 User unknown' }).exitCode).toBeNull();
  });

  it('keeps each exit status of texts that read the same once masked', () => {
    // Exim's test suite, log/0369: statuses with no sysexits.h meaning differ only in their number, which masking takes.
    const classifier = new Classifier();
    const text = (status: number) => `Child process of t1 transport returned ${status} from command: /bin/sh`;
    expect([10, 45, 10].map((status) => classifier.classify({ text: text(status), outcome: 'bounced' }).exitCode)).toEqual([10, 45, 10]);
  });

  it('shows it in maillog classify, in text and JSON', () => {
    const text = 'Child process of address_pipe transport returned 75 (could mean temporary error) from command: /usr/bin/procmail';
    expect(cli(['classify', text]).stdout).toContain('\nexit code:        75\n');
    expect(JSON.parse(cli(['classify', '--json', text]).stdout)).toMatchObject({ exit_code: 75 });
    expect(cli(['classify', '550 5.1.1 User unknown']).stdout).not.toContain('exit code');
  });
});
