#!/usr/bin/env python3
"""Scripted SMTP responder (standard library only).

Listens on 127.0.0.1 on every port of scenarios.responder_ports(). Each port has
a list of rules; a rule answers at one stage (banner, ehlo, mail, rcpt,
data_end) with a (possibly multi-line) reply, optionally only for recipients
whose local part starts with `match`, optionally only the first N times
(`first_n`, counted per recipient at the rcpt stage: 4xx first, 250 later),
optionally closing the connection afterwards. Anything not matched is accepted.
Usage: responder.py TRANSCRIPT_FILE
"""
import asyncio, itertools, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import responder_ports  # noqa: E402

PORTS = responder_ports()
LOG = open(sys.argv[1], "a", buffering=1)
fired = {}                 # (port, rule index, key) -> times fired
qid = itertools.count(1000)


def log(port, d, text):
    LOG.write(f"{time.strftime('%H:%M:%S')} {port} {d} {text}\n")


def pick(port, stage, rcpt=""):
    """The first rule of this port that fires now, or None."""
    local = rcpt.split("@")[0]
    for i, r in enumerate(PORTS[port]):
        if r["stage"] != stage:
            continue
        if r["match"] and not local.startswith(r["match"]):
            continue
        key = (port, i, rcpt.lower())
        if r["first_n"] is not None and fired.get(key, 0) >= r["first_n"]:
            continue
        fired[key] = fired.get(key, 0) + 1
        return r
    return None


async def handle(reader, writer, port):
    log(port, "--", f"connect from {writer.get_extra_info('peername')}")

    async def send(lines, rcpt=""):
        for l in lines:
            l = l.replace("{rcpt}", rcpt)
            log(port, ">>", l)
            writer.write((l + "\r\n").encode())
        await writer.drain()

    try:
        r = pick(port, "banner")
        if r:
            await send(r["reply"])
            return
        await send([f"220 mx{port}.responder.test ESMTP"])
        mail_ok, nrcpt = False, 0
        while True:
            line = await reader.readline()
            if not line:
                break
            cmd = line.decode(errors="replace").rstrip("\r\n")
            log(port, "<<", cmd)
            verb = cmd.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                r = pick(port, "ehlo")
                if r:
                    await send(r["reply"])
                    if r["close"] or r["reply"][-1][:3] == "421":
                        break
                elif verb == "EHLO":
                    await send([f"250-mx{port}.responder.test", "250-PIPELINING", "250-SIZE 10240000",
                                "250-8BITMIME", "250 ENHANCEDSTATUSCODES"])
                else:
                    await send([f"250 mx{port}.responder.test"])
            elif verb == "MAIL":
                r = pick(port, "mail")
                if r:
                    await send(r["reply"]); mail_ok = False
                    if r["close"]:
                        break
                else:
                    mail_ok, nrcpt = True, 0
                    await send(["250 2.1.0 Ok"])
            elif verb == "RCPT":
                rcpt = cmd.split(":", 1)[1].strip().split(" ")[0].strip("<>") if ":" in cmd else ""
                if not mail_ok:
                    await send(["503 5.5.1 Error: need MAIL command"])
                    continue
                r = pick(port, "rcpt", rcpt)
                if r:
                    await send(r["reply"], rcpt)
                    if r["close"]:
                        break
                else:
                    nrcpt += 1
                    await send(["250 2.1.5 Ok"])
            elif verb == "DATA":
                if not mail_ok or nrcpt == 0:
                    await send(["554 5.5.1 Error: no valid recipients"])
                    continue
                await send(["354 End data with <CR><LF>.<CR><LF>"])
                size = 0
                while True:
                    dl = await reader.readline()
                    if not dl or dl in (b".\r\n", b".\n"):
                        break
                    size += len(dl)
                log(port, "<<", f"[{size} bytes of message data]")
                r = pick(port, "data_end")
                await send(r["reply"] if r else [f"250 2.0.0 Ok: queued as R{next(qid)}"])
                mail_ok = False
            elif verb == "RSET":
                mail_ok = False
                await send(["250 2.0.0 Ok"])
            elif verb == "NOOP":
                await send(["250 2.0.0 Ok"])
            elif verb == "QUIT":
                await send(["221 2.0.0 Bye"])
                break
            else:
                await send(["502 5.5.2 Error: command not recognized"])
    except (ConnectionError, asyncio.IncompleteReadError) as e:
        log(port, "--", f"conn error {e!r}")
    finally:
        log(port, "--", "close")
        try:
            writer.close()
        except Exception:
            pass


async def main():
    servers = [await asyncio.start_server(lambda r, w, p=p: handle(r, w, p), "127.0.0.1", p)
               for p in sorted(PORTS)]
    log(0, "--", f"listening on {sorted(PORTS)}")
    await asyncio.gather(*(s.serve_forever() for s in servers))

if __name__ == "__main__":
    asyncio.run(main())
