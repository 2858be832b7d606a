#!/usr/bin/env python3
"""qmail samples, written from qmail's documented log formats.

qmail is not packaged by Debian, so no qmail can run here to write its logs.
This script writes them instead, line by line as the programs do, from a
scenario table; each line's shape comes from the source that prints it:

  qmail-send       qmail-log(5) and qmail-send.c (notqmail): new msg, info msg,
                   starting delivery, delivery N: success|failure|deferral,
                   bounce msg, end msg, status; reports pass through logsafe()
                   (newline -> "/", space and other unsafe bytes -> "_"); a
                   deferral of a message past queuelifetime is logged as a
                   failure with "I'm not going to try again; ..." appended
  qmail-remote     qmail-remote.c: "IP does not like recipient.", "Remote host
                   said: ...", "Giving up on IP.", "Connected to IP but sender
                   was rejected.", "IP failed after I sent the message.",
                   "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)"...
  qmail-local      qmail-local.c, qmail-lspawn.c: "did 0+0+1", "Sorry, no
                   mailbox here by that name. (#5.1.1)", "This message is
                   looping: ..."; vpopmail's vdelivermail "user is over quota"
  multilog         daemontools: "@" and the TAI64N label (2^62 + 10 + Unix
                   seconds, then nanoseconds, in hex) before each line
  tai64nlocal      daemontools: the label as "YYYY-MM-DD HH:MM:SS.nnnnnnnnn"
                   in local time (written here with TZ=UTC)
  splogger         qmail's splogger.c: syslog message "SECONDS.MICROS text",
                   a line longer than 799 characters going on in messages
                   "SECONDS.MICROS+rest"; the syslog prefix is RFC 3164
  rblsmtpd         ucspi-tcp rblsmtpd.c: "rblsmtpd: IP pid PID: 451 <TXT>"
  tcpserver        ucspi-tcp: "tcpserver: status: 1/20", "pid", "ok", "end"
  chkuser          chkuser.c (2.0.9 and the sagredo-dev build): "CHKUSER
                   <title>: from <...> remote <...> rcpt <...> : <description>"
  qlog             sagredo-dev qmail-smtpd.c qsmtpdlog(): "qlogenvelope:
                   result=... code=... reason=... detail= helo=... mailfrom=..."
  qmail-smtpd      sagredo-dev qmail-smtpd.c logit2(): "qmail-smtpd: <what>:
                   <mailfrom> from <ip> to <rcpt> helo <helo>"

The remote replies are the wording real servers send, as in scenarios.py.
Usage: qmail.py SAMPLES_DIR   (writes SAMPLES_DIR/qmail/* and SAMPLES_DIR/expected/qmail-*.json)
"""
import json, os, sys, time
from scenarios import GMAIL_DMARC, GMAIL_NOUSER, GMAIL_SPAM

START = 1795370400        # 2026-11-22 18:00:00 UTC
HOST = "mail1"            # the syslog host name
OWN_RELAY = "192.0.2.25"  # the site's outbound filter
GAVE_UP = "I'm not going to try again; this message has been in the queue too long."


def remote(ip, reply, stage="rcpt"):
    """qmail-remote's report for a refusal: reply is a list of lines."""
    said = "Remote host said: " + "\n".join(reply) + "\n"
    if stage == "rcpt":
        return f"{ip} does not like recipient.\n{said}Giving up on {ip}.\n"
    if stage == "mail":
        return f"Connected to {ip} but sender was rejected.\n{said}"
    return f"{ip} failed after I sent the message.\n{said}"


def accepted(ip, reply="250 2.0.0 OK 1795370400 qp 4711"):
    return f"{ip} accepted message.\nRemote host said: {reply}\n"


NOCONN = "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)\n"

# Each scenario: recipient, channel, the reports qmail-send logs for it in
# order (K success, Z deferral, D failure, X failure past queuelifetime), and
# the cause of its failures.
SEND = [
    ("nosuchuser@gmail.example", "remote", [("D", remote("192.0.2.10", GMAIL_NOUSER))], "recipient-unknown"),
    ("victim@spamhaus.example", "remote", [("D", remote("192.0.2.11", [
        "554 5.7.1 Service unavailable; Client host [198.51.100.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.5"]))], "recipient-antispam"),
    ("spamcheck@gmail.example", "remote", [("D", remote("192.0.2.10", GMAIL_SPAM, "data"))], "recipient-antispam"),
    ("dmarc@gmail.example", "remote", [("D", remote("192.0.2.10", GMAIL_DMARC))], "recipient-antispam"),
    ("x@relay.example", "remote", [("D", remote("192.0.2.12", ["554 5.7.1 <x@relay.example>: Relay access denied"]))], "relay-denied"),
    ("full@full.example", "remote", [("D", remote("192.0.2.13", ["552 5.2.2 <full@full.example>: Mailbox full, quota exceeded"]))], "mailbox-disabled"),
    ("suspended@hosting.example", "remote", [("D", remote("192.0.2.14", ["550 [SUSPEND] Mailbox currently suspended - Please contact correspondent directly"]))], "mailbox-suspended"),
    ("moved@old.example", "remote", [("D", remote("192.0.2.15", ["551 5.1.6 User not local; please try <moved@new.example>"]))], "address-changed"),
    ("inactive@clara.example", "remote", [("D", remote("192.0.2.16", ["550-5.1.0 Unknown address error", "550 'Mailbox is inactive'"]))], "mailbox-inactive"),
    ("big@size.example", "remote", [("D", remote("192.0.2.17", ["552 5.3.4 Message size exceeds fixed maximum message size"], "data"))], "message-too-large"),
    ("anyone@authreq.example", "remote", [("D", remote("192.0.2.18", ["530 5.7.0 Authentication required"], "mail"))], "auth-required"),
    ("anyone@notowned.example", "remote", [("D", remote("192.0.2.19", ["553 5.7.1 Sender address rejected: not owned by user"], "mail"))], "sender-not-permitted"),
    ("x@external.example", "remote", [("D", remote("192.0.2.20", ["550 5.7.1 <x@external.example>: Recipient address rejected: not allowed to send to external domains"]))], "external-recipient-forbidden"),
    ("x@outfilter.example", "remote", [("D", remote(OWN_RELAY, ["550 Virus Detected; Content Rejected"], "data"))], "outbound-filter"),
    ("x@starttls.example", "remote", [("D", remote("192.0.2.21", ["530 5.7.0 Must issue a STARTTLS command first"], "mail"))], "other"),
    ("x@goaway.example", "remote", [("D", remote("192.0.2.22", ["554 Go away"]))], "unclassified"),
    ("grey@greylist.example", "remote", [("Z", remote("192.0.2.23", [
        "450 4.2.0 <grey@greylist.example>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/greylist.example.html"])),
        ("K", accepted("192.0.2.23"))], "throttled"),
    ("x@yahoo.example", "remote", [("Z", remote("192.0.2.24", [
        "421 4.7.0 [TSS04] Messages from 198.51.100.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"], "mail")),
        ("K", accepted("192.0.2.24", "250 ok dirdel"))], "throttled"),
    ("later@templocal.example", "remote", [("Z", remote("192.0.2.26", ["451 4.3.0 <later@templocal.example>: Temporary local problem - please try later"])),
        ("K", accepted("192.0.2.26"))], "recipient-server-down"),
    ("anyone@down.example", "remote", [("Z", NOCONN), ("Z", NOCONN), ("X", NOCONN)], "recipient-server-down"),
    ("anyone@died.example", "remote", [("Z", "Connected to 192.0.2.27 but connection died. (#4.4.2)\n"), ("K", accepted("192.0.2.27"))], "recipient-server-down"),
    ("someone@nx.example", "remote", [("D", "Sorry, I couldn't find any host named nx.example. (#5.1.2)\n")], "dns-misconfigured"),
    ("someone@servfail.example", "remote", [("Z", "Sorry, I couldn't find any host by that name. (#4.1.2)\n"),
        ("X", "Sorry, I couldn't find any host by that name. (#4.1.2)\n")], "dns-misconfigured"),
    ("ok1@ok.example", "remote", [("K", accepted("192.0.2.30"))], None),
    ("ok2@ok.example", "remote", [("K", accepted("192.0.2.30"))], None),
    ("nosuch@mail1.example.net", "local", [("D", "Sorry, no mailbox here by that name. (#5.1.1)\n")], "recipient-unknown"),
    ("loop@mail1.example.net", "local", [("D", "This message is looping: it already has my Delivered-To line. (#5.4.6)\n")], "dns-misconfigured"),
    ("quota@mail1.example.net", "local", [("D", "user is over quota\n")], "mailbox-disabled"),
    ("postmaster@mail1.example.net", "local", [("K", "did 0+0+1\n")], None),
    # A long report: splogger continues it on a second syslog line.
    ("blocked@outlook.example", "remote", [("D", remote("192.0.2.31", [
        "550 5.7.1 Unfortunately, messages from [198.51.100.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM0EUR01FT012.eop-eur01.prod.protection.outlook.com]",
        "550 5.7.1 " + "This sentence only makes the reply long enough to need a second splogger line, as long Exchange Online and Outlook.com replies do. " * 3]))], "recipient-antispam"),
]

SENDERS = ["alice@example.net", "bob@example.net", ""]


def logsafe(text):
    return "".join("/" if c == "\n" else ("_" if (ord(c) < 33 or ord(c) > 126 or c == "%") else c) for c in text)


def send_lines():
    """(unix seconds, text) of qmail-send, and the expected outcomes."""
    lines, t = [], START
    expected = {"failures": {}, "recipients": {}, "deliveries": 0}
    delivery = 0
    inode = 30001

    def at(text, step=1):
        nonlocal t
        t += step
        lines.append((t, text))

    at("status: local 0/10 remote 0/20", 0)
    for i, (rcpt, channel, reports, cause) in enumerate(SEND):
        msg = inode + i
        # qmail reuses a message's inode once it has left the queue: the last
        # scenarios get the numbers of the first ones again.
        if i >= len(SEND) - 3:
            msg = inode + (i - (len(SEND) - 3))
        sender = SENDERS[i % len(SENDERS)]
        at(f"new msg {msg}")
        at(f"info msg {msg}: bytes {1800 + i * 37} from <{sender}> qp {4000 + i} uid 1001", 0)
        for j, (kind, report) in enumerate(reports):
            if i == 12 and j == 0:
                # qmail-send restarted: delivery numbers start again at 1
                at("status: exiting")
                at("status: local 0/10 remote 0/20", 2)
                delivery = 0
            delivery += 1
            at(f"starting delivery {delivery}: msg {msg} to {channel} {rcpt}", 60 if j else 0)
            at("status: local 0/10 remote 1/20" if channel == "remote" else "status: local 1/10 remote 0/20", 0)
            if kind == "K":
                at(f"delivery {delivery}: success: {logsafe(report)}")
                expected["deliveries"] += 1
            else:
                outcome = {"Z": "deferred", "D": "bounced", "X": "expired"}[kind]
                text = report + (GAVE_UP + "\n" if kind == "X" else "")
                at(f"delivery {delivery}: {'deferral' if kind == 'Z' else 'failure'}: {logsafe(text)}")
                f = expected["failures"].setdefault(cause, {})
                f[outcome] = f.get(outcome, 0) + 1
                expected["recipients"].setdefault(rcpt, {})[outcome] = cause
            at("status: local 0/10 remote 0/20", 0)
        if any(k in "DX" for k, _ in reports):
            at(f"bounce msg {msg} qp {5000 + i}", 0)
        at(f"end msg {msg}", 0)
    at("warning: trouble opening remote/0/30099; will try again later")
    at("triple bounce: discarding bounce/30098")
    return lines, expected


def smtpd_lines():
    """(unix seconds, text) of the programs logging around qmail-smtpd, and the expected outcomes."""
    expected = {"failures": {}, "recipients": {}, "deliveries": 0}
    lines, t = [], START + 30

    def at(text, step=1):
        nonlocal t
        t += step
        lines.append((t, text))

    def rejected(cause, rcpt=None):
        f = expected["failures"].setdefault(cause, {})
        f["rejected"] = f.get("rejected", 0) + 1
        if rcpt:
            expected["recipients"].setdefault(rcpt, {})["rejected"] = cause

    def chkuser(title, sender, ip, rcpt, description, old=False):
        if old:  # chkuser 2.0.9
            return f"CHKUSER {title}: from <{sender}::> remote <client.example.org:client.example.org:{ip}> rcpt <{rcpt}> : {description}"
        return (f"CHKUSER {title}: from <{sender}|remoteinfo/auth:|chkuser-identify:> "
                f"remote <helo:client.example.org|remotehostname:client.example.org|remotehostip:{ip}> rcpt <{rcpt}> : {description}")

    def qlog(head, result, code, reason, detail, mailfrom, rcptto, ip, size=""):
        return (f"{head}: result={result} code={code} reason={reason} detail={detail} helo=client.example.org "
                f"mailfrom={mailfrom} rcptto={rcptto} relay=no rcpthosts={'yes' if head == 'qlogenvelope' else ''} size={size} "
                f"authuser= authtype= encrypted= sslverified=no localip=192.0.2.5 localport=25 remoteip={ip} "
                f"remoteport=40123 remotehost=client.example.org qp=4711 pid=12350")

    at("tcpserver: status: 1/20", 0)
    at("tcpserver: pid 12346 from 198.51.100.7", 0)
    at("tcpserver: ok 12346 mail1.example.net:192.0.2.5:25 :198.51.100.7::40123", 0)
    at("rblsmtpd: 198.51.100.7 pid 12346: 451 https://www.spamhaus.org/query/ip/198.51.100.7", 0); rejected("recipient-antispam")
    at("tcpserver: end 12346 status 0", 0)
    at("tcpserver: status: 0/20", 0)
    at("tcpserver: pid 12347 from 198.51.100.8")
    at("rblsmtpd: 198.51.100.8 pid 12347: 553 Blocked - see https://www.spamcop.net/bl.shtml?198.51.100.8", 0); rejected("recipient-antispam")
    at("tcpserver: end 12347 status 0", 0)
    at("sslserver: status: 1/40")
    at("tcpserver: pid 12348 from 203.0.113.9")
    at(chkuser("accepted sender", "bob@sender.example", "203.0.113.9", "", "sender accepted"), 0)
    at(chkuser("accepted rcpt", "bob@sender.example", "203.0.113.9", "info@mail1.example.net", "found existing recipient"), 0)
    at(chkuser("rejected rcpt", "bob@sender.example", "203.0.113.9", "nosuch@mail1.example.net", "not existing recipient"), 0); rejected("recipient-unknown", "nosuch@mail1.example.net")
    at(chkuser("mbx overquota", "bob@sender.example", "203.0.113.9", "full@mail1.example.net", "rcpt mailbox is overquota"), 0); rejected("mailbox-disabled", "full@mail1.example.net")
    at(chkuser("rejected relaying", "bob@sender.example", "203.0.113.9", "someone@elsewhere.example", "client not allowed to relay"), 0); rejected("relay-denied", "someone@elsewhere.example")
    at(chkuser("rejected rcpt", "bob@sender.example", "203.0.113.9", "r21@mail1.example.net", "max number of recipients"), 0); rejected("throttled", "r21@mail1.example.net")
    at("tcpserver: end 12348 status 0", 0)
    at(chkuser("rejected sender", "ghost@nxdomain.example", "203.0.113.10", "", "invalid sender MX domain"), 1); rejected("dns-misconfigured")
    at(chkuser("must auth", "carol@example.net", "203.0.113.11", "", "sender not authenticated/authorized"), 1); rejected("auth-required")
    at(chkuser("rejected rcpt", "dave@sender.example", "203.0.113.12", "gone@mail1.example.net", "not existing recipient", old=True), 1); rejected("recipient-unknown", "gone@mail1.example.net")
    at(qlog("qlogenvelope", "accepted", "250", "rcptto", "chkuser", "erin@sender.example", "info@mail1.example.net", "203.0.113.13"), 1)
    at(qlog("qlogenvelope", "rejected", "553", "not_in_rcpthosts", "", "erin@sender.example", "x@notmine.example", "203.0.113.13"), 0); rejected("relay-denied", "x@notmine.example")
    at(qlog("qlogenvelope", "rejected", "553", "rblreject", "zen.spamhaus.org", "spam@spammer.example", "", "203.0.113.14"), 1); rejected("recipient-antispam")
    at(qlog("qlogreceived", "rejected", "552", "databytes_limit_exceeded", "", "frank@sender.example", "a@mail1.example.net,b@mail1.example.net", "203.0.113.15", "31457280"), 1)
    rejected("message-too-large", "a@mail1.example.net"); rejected("message-too-large", "b@mail1.example.net")
    at("qmail-smtpd: reject (auth not available without TLS): grace@sender.example from 203.0.113.16 to  helo client.example.org", 1); rejected("other")
    at("qmail-smtpd: message too big: heidi@sender.example from 203.0.113.17 to info@mail1.example.net helo client.example.org", 1); rejected("message-too-large", "info@mail1.example.net")
    at("qmail-smtpd[12351]: SNI provided (mail1.example.net)", 1)
    return lines, expected


def tai64n(t):
    return "@%016x%08x" % (2 ** 62 + 10 + int(t), 123456789)


def local(t):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t)) + ".123456789"


def syslog(t, tag, text):
    stamp = time.strftime("%b %e %H:%M:%S", time.gmtime(t))
    out, sec = [], f"{int(t)}.123456"
    first = True
    while True:
        piece, text = text[:799], text[799:]
        out.append(f"{stamp} {HOST} {tag}: {sec}{' ' if first else '+'}{piece}")
        first = False
        if not text:
            return out


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("".join(l + "\n" for l in lines))


def write_expected(out, name, expected):
    with open(os.path.join(out, "expected", f"{name}.json"), "w") as f:
        json.dump({"mta": "qmail", "own_relays": [OWN_RELAY], **expected}, f, indent=2, sort_keys=True)
        f.write("\n")


def main(out):
    send, send_expected = send_lines()
    smtpd, smtpd_expected = smtpd_lines()
    write(os.path.join(out, "qmail", "qmail-send.multilog"), [f"{tai64n(t)} {x}" for t, x in send])
    write(os.path.join(out, "qmail", "qmail-send.tai64nlocal.log"), [f"{local(t)} {x}" for t, x in send])
    splogged = []
    for i, (t, x) in enumerate(send):
        splogged += syslog(t, "qmail", x)
        if i % 25 == 0:  # other programs share the syslog file
            splogged.append(f"{time.strftime('%b %e %H:%M:%S', time.gmtime(t))} {HOST} CRON[{2000 + i}]: (root) CMD (run-parts /etc/cron.hourly)")
    write(os.path.join(out, "qmail", "qmail-send.splogger.log"), splogged)
    write(os.path.join(out, "qmail", "qmail-smtpd.multilog"), [f"{tai64n(t)} {x}" for t, x in smtpd])
    for name in ("qmail-send.multilog", "qmail-send.tai64nlocal", "qmail-send.splogger"):
        write_expected(out, name, send_expected)
    write_expected(out, "qmail-smtpd.multilog", smtpd_expected)


if __name__ == "__main__":
    main(sys.argv[1])
