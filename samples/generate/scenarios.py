#!/usr/bin/env python3
"""The scenario table: the single source of truth of the samples generator.

Every scenario says which recipients get which message, how it is injected,
what the scripted responder answers on which 127.0.0.1 port (or what the fake
DNS answers), and what each recipient's outcome and cause are for each MTA.
The expected/*.json files are computed from this table (see `expected`).

Subcommands (standard library only):
  postfix-transport            transport(5) map for Postfix
  exim-routes                  "domain: port" lsearch file for Exim's manualroute
  send MTA TAG WORKDIR         inject every scenario of MTA (tag goes into Message-IDs)
  expected MTA SAMPLE LOG OUT  write OUT/<SAMPLE>.json for LOG (see the comment there)
  check MTA LOG                print the scenarios whose recipients are not in LOG
"""
import json, os, re, smtplib, subprocess, sys, time

SENDER = "sender@example.net"          # NDRs to it go to the accept-all port
LOCAL_DOMAIN = "mail1.example.net"     # myhostname / primary_hostname
NX_DOMAIN = "m-nxdomain.test"          # fake DNS: NXDOMAIN
SERVFAIL_DOMAIN = "m2-servfail.test"   # fake DNS: SERVFAIL
ACCEPT_PORT = 2513
OWN_RELAYS = ["127.0.0.1:2516"]        # the port standing for our own outbound appliance (Cyberoam)

GMAIL_NOUSER = [
    "550-5.1.1 The email account that you tried to reach does not exist. Please try",
    "550-5.1.1 double-checking the recipient's email address for typos or",
    "550-5.1.1 unnecessary spaces. For more information, go to",
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d75a77b69052e-4b2e1f3a1c2si123456qt.45 - gsmtp",
]
GMAIL_DMARC = [
    "550-5.7.26 Unauthenticated email from example.net is not accepted due to domain's",
    "550-5.7.26 DMARC policy. Please contact the administrator of example.net domain if",
    "550-5.7.26 this was a legitimate mail. To learn about the DMARC initiative, go to",
    "550 5.7.26  https://support.google.com/mail/?p=DmarcRejection 5b1f17b1804b1-43a1b2c3d4esi12345675e9.123 - gsmtp",
]
GMAIL_SPAM = [
    "550-5.7.1 [127.0.0.1] Our system has detected that this message is",
    "550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,",
    "550-5.7.1 this message has been blocked. For more information, go to",
    "550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError 41be03b00d2f7-7a1b2c3d4e5si1234567a12.345 - gsmtp",
]


def R(stage, reply, match=None, first_n=None, close=False):
    """A responder rule. stage: banner|ehlo|mail|rcpt|data_end. match: local-part
    prefix (rcpt stage only). first_n: fire only the first N times (per recipient
    at the rcpt stage, per port otherwise), then accept: the 4xx-then-250 mode."""
    return dict(stage=stage, reply=reply if isinstance(reply, list) else [reply],
                match=match, first_n=first_n, close=close)


# id, port (or None), rules, recipients, injection, expectations.
# expect: list of (recipient or None, outcome, cause); outcome is
# bounced|deferred|expired|rejected|delivered; "deferred" means one or more
# deferrals (their number is read from the log), None recipient = the log line
# names no recipient (only counted in "failures"). Per-MTA overrides in
# expect_postfix / expect_exim; mtas limits a scenario to some MTAs.
SCENARIOS = [
    dict(id="a", port=2501, rules=[R("rcpt", GMAIL_NOUSER)],
         rcpts=["nosuchuser1@a-nouser.test", "nosuchuser2@a-nouser.test"],
         expect=[("nosuchuser1@a-nouser.test", "bounced", "recipient-unknown"),
                 ("nosuchuser2@a-nouser.test", "bounced", "recipient-unknown")]),
    dict(id="b", port=2502, rules=[R("rcpt",
         "550 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; "
         "https://www.spamhaus.org/query/ip/127.0.0.1")],
         rcpts=["victim@b-spamhaus.test"], expect=[("victim@b-spamhaus.test", "bounced", "recipient-antispam")]),
    dict(id="b2", port=2530, rules=[R("rcpt",
         "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using Barracuda Reputation; "
         "http://www.barracudanetworks.com/reputation/?pr=1&ip=127.0.0.1")],
         rcpts=["victim@b2-barracuda.test"], expect=[("victim@b2-barracuda.test", "bounced", "recipient-antispam")]),
    dict(id="c", port=2503, rules=[R("data_end", GMAIL_SPAM)],
         rcpts=["spamcheck@c-spamdata.test"], expect=[("spamcheck@c-spamdata.test", "bounced", "recipient-antispam")]),
    dict(id="c6", port=2521, rules=[R("rcpt", GMAIL_DMARC)],
         rcpts=["someone@c6-gmail-dmarc.test"], expect=[("someone@c6-gmail-dmarc.test", "bounced", "recipient-antispam")]),
    dict(id="c1", port=2516, rules=[R("rcpt",
         "550 Cyberoam Anti Spam Engine has identified this email as a spam. "
         "Ref-id:str=0001.0A0B0206.4BA7422C.01F5,ss=1,vtr=str,vl=0,p t=")],
         rcpts=["x@outfilter.test"], expect=[("x@outfilter.test", "bounced", "outbound-filter")]),
    dict(id="c2", port=2517, rules=[R("rcpt",
         "550 5.7.1 <{rcpt}>: Recipient address rejected: not allowed to send to external domains")],
         rcpts=["x@external.test"], expect=[("x@external.test", "bounced", "external-recipient-forbidden")]),
    dict(id="d", port=2504, rules=[R("mail", "553 5.7.1 Sender address rejected: not owned by user")],
         rcpts=["anyone@d-notowned.test"], expect=[("anyone@d-notowned.test", "bounced", "sender-not-permitted")]),
    dict(id="e", port=2505, rules=[R("mail", "530 5.7.0 Authentication required")],
         rcpts=["anyone@e-authreq.test"], expect=[("anyone@e-authreq.test", "bounced", "auth-required")]),
    dict(id="f", port=2506, rules=[R("rcpt", "554 5.7.1 <{rcpt}>: Relay access denied")],
         rcpts=["x@f-relaydenied.test"], expect=[("x@f-relaydenied.test", "bounced", "relay-denied")]),
    dict(id="g", port=2507, rules=[R("rcpt", "552 5.2.2 <{rcpt}>: Mailbox full, quota exceeded")],
         rcpts=["fulluser@g-mbxfull.test"], expect=[("fulluser@g-mbxfull.test", "bounced", "mailbox-disabled")]),
    dict(id="c4", port=2519, rules=[R("rcpt", "550 mailbox temporarily disabled")],
         rcpts=["x@c4-disabled.test"], expect=[("x@c4-disabled.test", "bounced", "mailbox-disabled")]),
    dict(id="h", port=2508, rules=[R("rcpt", "550 [SUSPEND] Mailbox currently suspended - Please contact correct addressee")],
         rcpts=["suspended@h-suspend.test"], expect=[("suspended@h-suspend.test", "bounced", "mailbox-suspended")]),
    dict(id="i", port=2509, rules=[R("rcpt", "551 5.1.6 User not local; please try <newaddr@moved.example.com>")],
         rcpts=["moved@i-notlocal.test"], expect=[("moved@i-notlocal.test", "bounced", "address-changed")]),
    dict(id="c3", port=2518, rules=[R("rcpt", ["550-5.1.0 Unknown address error", "550 'Mailbox is inactive'"])],
         rcpts=["inactive@c3-inactive.test"], expect=[("inactive@c3-inactive.test", "bounced", "mailbox-inactive")]),
    dict(id="c5", port=2520, rules=[R("data_end", "552 5.3.4 Message size exceeds fixed maximum message size")],
         rcpts=["big@c5-size.test"], expect=[("big@c5-size.test", "bounced", "message-too-large")]),
    # Outlook/Exchange Online and Yahoo unknown users, one message, per-local-part replies
    dict(id="x1", port=2522, rules=[
         R("rcpt", "550 5.5.0 Requested action not taken: mailbox unavailable", match="exo-unavail"),
         R("rcpt", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
                   "[AM0PR01MB1234.eurprd01.prod.exchangelabs.com 2026-11-22T00:00:00.000Z 08DD0000AAAA0000]",
           match="exo-dbeb")],
         rcpts=["exo-unavail@x1-outlook.test", "exo-dbeb@x1-outlook.test"],
         expect=[("exo-unavail@x1-outlook.test", "bounced", "recipient-unknown"),
                 ("exo-dbeb@x1-outlook.test", "bounced", "recipient-unknown")]),
    dict(id="x2", port=2523, rules=[R("rcpt",
         "554 delivery error: dd This user doesn't have a yahoo.com account ({rcpt}) [0] - mta4012.mail.gq1.yahoo.com")],
         rcpts=["gone@x2-yahoo.test"], expect=[("gone@x2-yahoo.test", "bounced", "recipient-unknown")]),
    dict(id="d1", port=2524, rules=[R("mail", "530 5.7.0 Must issue a STARTTLS command first")],
         rcpts=["x@d1-starttls.test"], expect=[("x@d1-starttls.test", "bounced", "other")]),
    dict(id="d2", port=2525, rules=[R("rcpt", "554 Go away")],
         rcpts=["x@d2-goaway.test"], expect=[("x@d2-goaway.test", "bounced", "unclassified")]),
    # temporary failures that end in a delivery
    dict(id="j", port=2510, rules=[R("rcpt",
         "450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.html",
         first_n=1)],
         rcpts=["grey@j-greylist.test"],
         expect=[("grey@j-greylist.test", "deferred", "throttled"), ("grey@j-greylist.test", "delivered", None)]),
    dict(id="o", port=2514, rules=[R("rcpt", "451 4.3.0 <{rcpt}>: Temporary local problem - please try later", first_n=1)],
         rcpts=["later@o-tempthenok.test"],
         expect=[("later@o-tempthenok.test", "deferred", "recipient-server-down"),
                 ("later@o-tempthenok.test", "delivered", None)]),
    dict(id="d4", port=2526, rules=[R("rcpt", "452 4.5.3 Too many recipients", match="r3", first_n=1)],
         rcpts=["r1@d4-toomany.test", "r2@d4-toomany.test", "r3@d4-toomany.test"],
         # Exim answers a 452 to RCPT by opening a new transaction for r3 on the
         # same connection at once: no deferral is logged, all three are delivered
         expect_exim=[(r, "delivered", None) for r in ["r1@d4-toomany.test", "r2@d4-toomany.test", "r3@d4-toomany.test"]],
         expect=[("r1@d4-toomany.test", "delivered", None), ("r2@d4-toomany.test", "delivered", None),
                 ("r3@d4-toomany.test", "deferred", "throttled"), ("r3@d4-toomany.test", "delivered", None)]),
    # temporary failures until the queue lifetime / retry rule gives up
    dict(id="k", port=2511, rules=[R("banner", "421 4.3.2 mx.blocked.example Service not available, closing transmission channel")],
         rcpts=["anyone@k-banner421.test"],
         expect=[("anyone@k-banner421.test", "deferred", "recipient-server-down"),
                 ("anyone@k-banner421.test", "expired", "recipient-server-down")]),
    dict(id="l", port=2512, rules=None,   # nothing listens: connection refused
         rcpts=["anyone@l-refused.test"],
         expect=[("anyone@l-refused.test", "deferred", "recipient-server-down"),
                 ("anyone@l-refused.test", "expired", "recipient-server-down")]),
    # DNS (the fake DNS server answers these)
    dict(id="m", port=None, rcpts=["someone@" + NX_DOMAIN],
         expect=[("someone@" + NX_DOMAIN, "bounced", "dns-misconfigured")]),
    dict(id="m2", port=None, rcpts=["someone@" + SERVFAIL_DOMAIN],
         expect=[("someone@" + SERVFAIL_DOMAIN, "deferred", "dns-misconfigured"),
                 ("someone@" + SERVFAIL_DOMAIN, "expired", "dns-misconfigured")]),
    # successes
    dict(id="n1", port=ACCEPT_PORT, rcpts=["ok1@n-ok.test", "ok2@n-ok.test"],
         expect=[("ok1@n-ok.test", "delivered", None), ("ok2@n-ok.test", "delivered", None)]),
    dict(id="n2", port=ACCEPT_PORT, via="smtp", rcpts=["ok3@n-ok.test", "ok4@n-ok.test", "ok5@n-ok.test"],
         expect=[(r, "delivered", None) for r in ["ok3@n-ok.test", "ok4@n-ok.test", "ok5@n-ok.test"]]),
    dict(id="n3", port=None, rcpts=["localok@" + LOCAL_DOMAIN, "ok6@n-ok.test"],
         expect=[("localok@" + LOCAL_DOMAIN, "delivered", None), ("ok6@n-ok.test", "delivered", None)]),
    dict(id="mixed", port=2515, rules=[R("rcpt",
         "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table", match="unknown")],
         rcpts=["good@mixed.test", "unknown@mixed.test"],
         expect=[("good@mixed.test", "delivered", None), ("unknown@mixed.test", "bounced", "recipient-unknown")]),
    # local deliveries (Postfix aliases(5) / Exim routers) that fail
    dict(id="q1", port=None, rcpts=["tempfail@" + LOCAL_DOMAIN],   # pipe exits 75
         expect=[("tempfail@" + LOCAL_DOMAIN, "deferred", "recipient-server-down"),
                 ("tempfail@" + LOCAL_DOMAIN, "expired", "recipient-server-down")]),
    dict(id="q2", port=None, rcpts=["nouserpipe@" + LOCAL_DOMAIN],  # pipe exits 67
         expect=[("nouserpipe@" + LOCAL_DOMAIN, "bounced", "recipient-unknown")]),
    dict(id="q3", port=None, rcpts=["fullbox@" + LOCAL_DOMAIN],     # file over mailbox_size_limit / quota=
         expect=[("fullbox@" + LOCAL_DOMAIN, "bounced", "mailbox-disabled")],
         # Exim: quota exceeded is a temporary error ("==  mailbox is full"); the
         # retry rule "* quota" has no times, so it gives up at once: "** retry timeout exceeded"
         expect_exim=[("fullbox@" + LOCAL_DOMAIN, "deferred", "mailbox-disabled"),
                      ("fullbox@" + LOCAL_DOMAIN, "expired", "mailbox-disabled")]),
    # SMTP-time rejects by the MTA itself (injected over SMTP to 127.0.0.1:25)
    dict(id="p1", port=None, via="smtp", rcpts=["nosuchuser@" + LOCAL_DOMAIN],
         expect=[("nosuchuser@" + LOCAL_DOMAIN, "rejected", "recipient-unknown")]),
    dict(id="p2", port=None, via="smtp", source="127.0.0.2", rcpts=["victim@elsewhere.test"],
         expect=[("victim@elsewhere.test", "rejected", "relay-denied")]),
    dict(id="p3", port=ACCEPT_PORT, via="smtp", sender="spammer@bad.example", rcpts=["ok7@n-ok.test"],
         expect=[("ok7@n-ok.test", "rejected", "recipient-antispam")]),
    dict(id="p7", port=ACCEPT_PORT, via="smtp", sender="ghost@" + NX_DOMAIN, rcpts=["ok11@n-ok.test"],
         # the sender's domain does not resolve (NXDOMAIN): Postfix "Sender address
         # rejected: Domain not found", Exim "Sender verify failed" after "sender verify
         # fail ...: Unrouteable address". What was set up is a DNS fault of the
         # sender's domain, hence dns-misconfigured (not recipient-antispam).
         expect=[("ok11@n-ok.test", "rejected", "dns-misconfigured")]),
    dict(id="p4", port=ACCEPT_PORT, via="smtp", subject="BUY CHEAP PILLS now", rcpts=["ok8@n-ok.test"],
         expect_postfix=[("ok8@n-ok.test", "rejected", "recipient-antispam")],   # cleanup line has to=<>
         expect_exim=[(None, "rejected", "recipient-antispam")]),               # "rejected after DATA", no recipient
    dict(id="p5", port=ACCEPT_PORT, via="smtp", big=True, rcpts=["ok9@n-ok.test"],
         expect=[(None, "rejected", "message-too-large")]),                      # reject at MAIL (SIZE=)
    dict(id="p6", port=ACCEPT_PORT, via="smtp", big=True, nosize=True, rcpts=["ok10@n-ok.test"],
         expect_postfix=[],                                                      # only a "queue file size limit exceeded" warning
         expect_exim=[(None, "rejected", "message-too-large")]),                 # "rejected ... message too big"
    # ---- refusal wording of other MTAs and filtering gateways, as they send it by default
    # Sendmail: unknown local user
    dict(id="s1", port=2531, rules=[R("rcpt", "550 5.1.1 <{rcpt}>... User unknown")],
         rcpts=["x@s1-sendmail.test"], expect=[("x@s1-sendmail.test", "bounced", "recipient-unknown")]),
    # GMX-style German provider
    dict(id="s2", port=2532, rules=[R("rcpt", "550 5.1.1 <{rcpt}>: Empfaenger unbekannt / Recipient unknown")],
         rcpts=["x@s2-gmx.test"], expect=[("x@s2-gmx.test", "bounced", "recipient-unknown")]),
    # Orange-style French provider
    dict(id="s3", port=2533, rules=[R("rcpt",
         "550 5.1.1 <{rcpt}>: Adresse d au moins un destinataire invalide. Invalid recipient. LPN007_510")],
         rcpts=["x@s3-orange.test"], expect=[("x@s3-orange.test", "bounced", "recipient-unknown")]),
    # qmail + chkuser (vpopmail): with an enhanced code in front, as some sites send it ...
    dict(id="s4", port=2534, rules=[R("rcpt", "550 5.1.1 sorry, no mailbox here by that name (#5.1.1 - chkuser)")],
         rcpts=["x@s4-qmail-chkuser.test"], expect=[("x@s4-qmail-chkuser.test", "bounced", "recipient-unknown")]),
    # ... and chkuser's compiled-in default (CHKUSER_NORCPT_STRING): code 511, no enhanced code
    dict(id="s4b", port=2544, rules=[R("rcpt", "511 sorry, no mailbox here by that name (#5.1.1 - chkuser)")],
         rcpts=["x@s4b-qmail-chkuser511.test"],
         expect=[("x@s4b-qmail-chkuser511.test", "bounced", "recipient-unknown")]),
    # qmail-smtpd: domain not in rcpthosts (no relaying)
    dict(id="s5", port=2535, rules=[R("rcpt", "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)")],
         rcpts=["x@s5-qmail-rcpthosts.test"], expect=[("x@s5-qmail-rcpthosts.test", "bounced", "relay-denied")]),
    # Exim (Debian default ACL) seen from outside: relaying refused
    dict(id="s6", port=2536, rules=[R("rcpt", "550 relay not permitted")],
         rcpts=["x@s6-exim-relay.test"], expect=[("x@s6-exim-relay.test", "bounced", "relay-denied")]),
    # Exim seen from outside: unknown local user fails "verify = recipient". The
    # taxonomy lists "Unrouteable address" under dns-misconfigured, so that is the cause.
    dict(id="s7", port=2537, rules=[R("rcpt", "550 Unrouteable address")],
         rcpts=["x@s7-exim-unrouteable.test"],
         expect=[("x@s7-exim-unrouteable.test", "bounced", "dns-misconfigured")]),
    # Mimecast: envelope blocked by a policy (blocked senders)
    dict(id="s8", port=2538, rules=[R("rcpt",
         "550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 [xyzABC123]")],
         rcpts=["x@s8-mimecast.test"], expect=[("x@s8-mimecast.test", "bounced", "recipient-antispam")]),
    # Proofpoint: policy reject at end of DATA
    dict(id="s9", port=2539, rules=[R("data_end",
         "554 5.7.1 [Proofpoint] Message rejected due to local policy. "
         "Please visit https://support.proofpoint.com/dnsbl-lookup.cgi?ip=127.0.0.1")],
         rcpts=["x@s9-proofpoint.test"], expect=[("x@s9-proofpoint.test", "bounced", "recipient-antispam")]),
    # Cisco IronPort (AsyncOS): its default reply for a recipient rejected by the
    # LDAP accept query / recipient access table
    dict(id="s10", port=2540, rules=[R("rcpt", "550 #5.1.0 Address rejected.")],
         rcpts=["x@s10-ironport.test"], expect=[("x@s10-ironport.test", "bounced", "recipient-unknown")]),
    # Microsoft 365 / Exchange Online: mailbox over quota
    dict(id="s11", port=2541, rules=[R("rcpt", "552 5.2.2 STOREDRV.Deliver; mailbox full")],
         rcpts=["x@s11-m365-quota.test"], expect=[("x@s11-m365-quota.test", "bounced", "mailbox-disabled")]),
    # Outlook.com: sending network on its block list. Sent in reply to MAIL FROM,
    # with the front-end server id in brackets at the end, as Outlook.com does.
    dict(id="s12", port=2542, rules=[R("mail",
         "550 5.7.1 Unfortunately, messages from [127.0.0.1] weren't sent. Please contact your Internet service "
         "provider since part of their network is on our block list (S3150). You can also refer your provider to "
         "http://mail.live.com/mail/troubleshooting.aspx#errors. [AM0EUR01FT012.eop-eur01.prod.protection.outlook.com]")],
         rcpts=["x@s12-outlook-block.test"], expect=[("x@s12-outlook-block.test", "bounced", "recipient-antispam")]),
    # Yahoo: rate limit (TSS04) in reply to MAIL FROM, connection closed after the
    # 421; twice (counted per port: one message only goes there), then accepted
    dict(id="s13", port=2543, rules=[R("mail",
         "421 4.7.0 [TSS04] Messages from 127.0.0.1 temporarily deferred due to unexpected volume or user "
         "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", first_n=2, close=True)],
         rcpts=["x@s13-yahoo-tss04.test"],
         expect=[("x@s13-yahoo-tss04.test", "deferred", "throttled"), ("x@s13-yahoo-tss04.test", "delivered", None)]),
]

DOMAIN_PORTS = {}
for s in SCENARIOS:
    if s.get("port"):
        for r in s["rcpts"]:
            DOMAIN_PORTS[r.split("@")[1]] = s["port"]
DOMAIN_PORTS["n-ok.test"] = ACCEPT_PORT
DOMAIN_PORTS["example.net"] = ACCEPT_PORT        # NDRs to sender@example.net


def responder_ports():
    """port -> rules, for the responder (port 2512 is deliberately absent)."""
    ports = {ACCEPT_PORT: []}
    for s in SCENARIOS:
        if s.get("port") and s.get("rules") is not None:
            ports[s["port"]] = s["rules"]
    return ports


def expect_for(s, mta):
    return s.get("expect_" + mta, s.get("expect", []))


def body_for(s):
    return ("y" * 75 + "\n") * 700 if s.get("big") else "Test body.\n"


def message(s, tag):
    sender = s.get("sender", SENDER)
    return (f"From: {sender}\nTo: {', '.join(s['rcpts'])}\n"
            f"Subject: {s.get('subject', 'maillog sample ' + s['id'] + ' ' + tag)}\n"
            f"Message-ID: <scen-{s['id']}.{tag}@generate.maillog.test>\n"
            f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime())}\n\n{body_for(s)}")


def send(mta, tag, work):
    out = open(os.path.join(work, f"send-{tag}.out"), "a", buffering=1)
    for s in SCENARIOS:
        if mta not in s.get("mtas", (mta,)):
            continue
        m, sender = message(s, tag), s.get("sender", SENDER)
        if s.get("via") != "smtp":
            r = subprocess.run(["/usr/sbin/sendmail", "-oi", "-f", sender, "--"] + s["rcpts"],
                               input=m.encode(), capture_output=True)
            out.write(f"{time.strftime('%H:%M:%S')} {s['id']} sendmail rc={r.returncode} {r.stderr.decode().strip()}\n")
            continue
        try:
            c = smtplib.SMTP("127.0.0.1", 25, local_hostname=f"client-{s['id']}.generate.test",
                             source_address=(s["source"], 0) if s.get("source") else None, timeout=60)
            if s.get("nosize"):     # no SIZE= on MAIL FROM: the limit is hit during DATA
                c.ehlo()
                res = [c.mail(sender)] + [c.rcpt(r) for r in s["rcpts"]] + [c.data(m.encode())]
            else:
                try:
                    res = c.sendmail(sender, s["rcpts"], m)
                except smtplib.SMTPException as e:
                    res = repr(e)
            try:
                c.quit()
            except Exception:
                pass
        except Exception as e:
            res = f"EXC {type(e).__name__}: {e}"
        out.write(f"{time.strftime('%H:%M:%S')} {s['id']} smtp {res}\n")
        time.sleep(0.2)


# ---------------------------------------------------------------- expected
# Where the numbers come from:
#  * every recipient's outcomes and causes, the bounced / expired / rejected
#    counts and the deliveries: the scenario table above (what the responder,
#    the fake DNS or the MTA's own policy was set up to answer);
#  * deliveries also include one non-delivery notification (to sender@example.net,
#    accepted by the responder) per message that had a bounced or expired
#    recipient, again from the table;
#  * ONLY the number of deferrals of a "deferred" recipient comes from the log:
#    the count of that recipient's deferral lines (Postfix "to=<r>, ...
#    status=deferred", Exim "== r "), because it depends on retry timing.
#    Their cause is still the table's.

def deferral_count(mta, log_text, rcpt):
    if mta == "postfix":
        return len(re.findall(r"to=<" + re.escape(rcpt) + r">,.*status=deferred", log_text))
    return len(re.findall(r" == " + re.escape(rcpt) + r"(?: |$)", log_text, re.M))


def expected(mta, sample, logfile, outdir):
    text = open(logfile, errors="replace").read()
    rejectlog = sample == "rejectlog"
    recipients, failures, deliveries, problems = {}, {}, 0, []
    for s in SCENARIOS:
        if mta not in s.get("mtas", (mta,)):
            continue
        ex = expect_for(s, mta)
        if rejectlog:       # the reject log has the SMTP-time rejects only
            ex = [e for e in ex if e[1] == "rejected"]
        else:
            if any(o in ("bounced", "expired") for _, o, _ in ex):
                deliveries += 1         # the NDR to sender@example.net
        for rcpt, outcome, cause in ex:
            if outcome == "delivered":
                deliveries += 1
                continue
            n = 1
            if outcome == "deferred":
                n = deferral_count(mta, text, rcpt)
                if n == 0:
                    problems.append(f"{s['id']}: {rcpt} was meant to be deferred but has no deferral line")
                    continue
            failures.setdefault(cause, {}).setdefault(outcome, 0)
            failures[cause][outcome] += n
            if rcpt:
                recipients.setdefault(rcpt, {})[outcome] = cause
    doc = {"mta": mta, "own_relays": OWN_RELAYS,
           "recipients": dict(sorted(recipients.items())),
           "failures": {c: dict(sorted(v.items())) for c, v in sorted(failures.items())},
           "deliveries": deliveries}
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, sample + ".json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    for p in problems:
        print(f"  WARNING {sample}: {p}")


def check(mta, logfile, rejectonly=False):
    """Sanity check only (never feeds the expected files): every recipient of
    the table appears in the log, and the deliveries match the table."""
    text = open(logfile, errors="replace").read()
    bad = 0
    for s in SCENARIOS:
        if mta not in s.get("mtas", (mta,)):
            continue
        for rcpt, outcome, _ in expect_for(s, mta):
            if rejectonly and outcome != "rejected":
                continue
            if rcpt and rcpt not in text:
                print(f"  MISSING {os.path.basename(logfile)}: scenario {s['id']} {rcpt} ({outcome})")
                bad += 1
    if not rejectonly:
        exp = json.load(open(os.path.join(sys.argv[4], os.path.splitext(os.path.basename(logfile))[0] + ".json"))) \
            if len(sys.argv) > 4 else None
        if mta == "postfix":
            got = len(re.findall(r"status=sent", text))
        else:
            got = len(re.findall(r"^\S+ \S+ (?:\[\d+\] )?\S+ [=-]> ", text, re.M))
        if exp and exp["deliveries"] != got:
            print(f"  NOTE {os.path.basename(logfile)}: table says {exp['deliveries']} deliveries, log has {got} delivery lines")
            bad += 1
    print(f"  check {os.path.basename(logfile)}: {'OK' if not bad else str(bad) + ' problem(s)'}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "postfix-transport":
        for d, p in sorted(DOMAIN_PORTS.items()):
            print(f"{d}\tsmtp:[127.0.0.1]:{p}")
    elif cmd == "exim-routes":
        for d, p in sorted(DOMAIN_PORTS.items()):
            print(f"{d}: {p}")
    elif cmd == "send":
        send(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "expected":
        expected(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    elif cmd == "check":
        check(sys.argv[2], sys.argv[3], rejectonly=os.path.basename(sys.argv[3]) == "rejectlog")
    else:
        sys.exit(__doc__)
