#!/usr/bin/env python3
"""Tiny fake DNS server on 127.0.0.1:53/udp (standard library only), run inside
the generator's network namespace. Names under the SERVFAIL test domain get
SERVFAIL (rcode 2), everything else NXDOMAIN (rcode 3): the NXDOMAIN test
domain, a sender domain that must not verify, and any stray lookup (PTR of
127.0.0.2 ...). No answer ever points anywhere. Usage: fakedns.py LOGFILE"""
import os, socket, struct, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import SERVFAIL_DOMAIN  # noqa: E402

log = open(sys.argv[1], "a", buffering=1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 53))
while True:
    data, peer = s.recvfrom(4096)
    if len(data) < 12:
        continue
    qid, flags, qd = struct.unpack(">HHH", data[:6])
    i, labels = 12, []
    try:
        while data[i]:
            labels.append(data[i + 1:i + 1 + data[i]].decode("ascii", "replace"))
            i += 1 + data[i]
        qtype = struct.unpack(">H", data[i + 1:i + 3])[0]
        question = data[12:i + 5]
    except (IndexError, struct.error):
        continue
    name = ".".join(labels).lower()
    rcode = 2 if name == SERVFAIL_DOMAIN or name.endswith("." + SERVFAIL_DOMAIN) else 3
    rflags = 0x8000 | (flags & 0x7900) | 0x0080 | rcode     # QR, opcode+RD copied, RA
    s.sendto(struct.pack(">HHHHHH", qid, rflags, 1, 0, 0, 0) + question, peer)
    log.write(f"{time.strftime('%H:%M:%S')} {name} type={qtype} -> {'SERVFAIL' if rcode == 2 else 'NXDOMAIN'}\n")
