#!/bin/bash
# Regenerate maillog's MTA log samples from real Postfix and Exim runs.
#
#   sudo samples/generate/generate.sh [OUTDIR]     (default: samples/, i.e. ../ of this script)
#
# Needs root on a Debian 12 machine. What it does:
#  1. outside any namespace: apt-get installs postfix, rsyslog, python3, iproute2
#     (a policy-rc.d keeps the packages from starting any daemon out there);
#  2. inside a fresh network+mount+pid namespace (only lo, only 127.0.0.1):
#     a fake DNS server on 127.0.0.1:53 (resolv.conf bind-mounted to it), the
#     scripted SMTP responder on 127.0.0.1:25xx, and Postfix, twice: pass A logs
#     through Postfix's own maillog_file, pass B through syslog(3) to rsyslog
#     (RFC 3164 and RFC 3339 files at once; Postfix sends nothing to syslog while
#     maillog_file is set, so one pass cannot give both);
#  3. Postfix and Exim conflict as Debian packages (both are the MTA), so only
#     now is exim4-daemon-light installed, which REMOVES postfix; then Exim runs
#     the same scenarios in a new namespace, with this script's own exim4.conf;
#  4. writes OUTDIR/postfix/*.log, OUTDIR/exim/{mainlog,rejectlog},
#     OUTDIR/expected/*.json (from the scenario table, see scenarios.py) and
#     OUTDIR/generate/VERSIONS.
# The machine ends with Exim installed instead of Postfix and no MTA running.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
export TZ=UTC LC_ALL=C PYTHONDONTWRITEBYTECODE=1

# ============================================================ inside the namespace
ns_setup() {   # $WORK: private /dev (so rsyslog's /dev/log exists only in here), lo, resolver
  mount --make-rprivate /
  ip link set lo up
  mkdir -p "$WORK/hostdev"
  mount --rbind /dev "$WORK/hostdev"
  mount -t tmpfs -o mode=755,size=4m maillog-gen-dev /dev
  for n in null zero full random urandom tty; do
    touch "/dev/$n"; mount --bind "$WORK/hostdev/$n" "/dev/$n"
  done
  mkdir -p /dev/pts /dev/shm
  mount --bind "$WORK/hostdev/pts" /dev/pts
  mount -t tmpfs -o mode=1777 maillog-gen-shm /dev/shm
  ln -s /proc/self/fd /dev/fd; ln -s /proc/self/fd/0 /dev/stdin
  ln -s /proc/self/fd/1 /dev/stdout; ln -s /proc/self/fd/2 /dev/stderr
  printf 'nameserver 127.0.0.1\noptions timeout:2 attempts:1\n' > "$WORK/resolv.conf"
  mount --bind "$WORK/resolv.conf" /etc/resolv.conf
}

start_helpers() {   # $1 = transcript tag
  python3 "$HERE/fakedns.py" "$WORK/fakedns-$1.log" & DNS_PID=$!
  start_responder "$1"
  sleep 1
  kill -0 "$DNS_PID" "$RESP_PID"
}
start_responder() { python3 "$HERE/responder.py" "$WORK/responder-$1.log" & RESP_PID=$!; }
stop_pid() { local p; for p in "$@"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }

wait_empty() {   # $1 = command printing the number of queued messages, $2 = max seconds
  local t=0 n
  while [ $t -lt "$2" ]; do
    n=$(eval "$1")
    if [ "$n" = 0 ]; then say "  queue empty after ${t}s"; return 0; fi
    [ $((t % 30)) = 0 ] && say "  $n message(s) still queued (${t}s)"
    sleep 5; t=$((t + 5))
  done
  say "  WARNING: queue not empty after $2 s"; return 0
}
pf_count() { postqueue -j 2>/dev/null | wc -l; }
exim_count() { exim4 -bpc 2>/dev/null || echo 0; }

postfix_pass() {   # $1 = tag (A|B), $2 = maillog_file value (empty = syslog)
  sed -e "s|@WORK@|$WORK|g" -e "s|@OUT@|$OUT/postfix|g" -e "s|@MAILLOG_FILE@|$2|g" \
    "$HERE/conf/main.cf.in" > /etc/postfix/main.cf
  cp "$HERE/conf/master.cf" /etc/postfix/master.cf
  postfix check
  postfix start
  sleep 2
  say "  pass $1: injecting"
  python3 "$HERE/scenarios.py" send postfix "pf$1" "$WORK"
  sleep 5
  wait_empty pf_count 420
  sleep 3
  postfix stop
  local i=0; while [ -e /var/spool/postfix/pid/master.pid ] && kill -0 "$(cat /var/spool/postfix/pid/master.pid 2>/dev/null)" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.5; i=$((i+1)); done
}

inner_postfix() {
  ns_setup
  rm -f "$OUT"/postfix/maillog_file.log "$OUT"/postfix/syslog-rfc3164.log "$OUT"/postfix/syslog-rfc3339.log
  postsuper -d ALL >/dev/null 2>&1 || true   # an empty queue; before any logging starts
  start_helpers pfA
  say "Postfix pass A: logging through maillog_file (postlogd)"
  postfix_pass A "$OUT/postfix/maillog_file.log"
  # fresh responder: its 4xx-first counters start again for pass B
  stop_pid "$RESP_PID"; start_responder pfB; sleep 1
  say "Postfix pass B: logging through syslog(3) -> rsyslog (RFC 3164 + RFC 3339)"
  postsuper -d ALL >/dev/null 2>&1 || true   # (pass A left it empty unless it timed out)
  mkdir -p "$WORK/rsyslog"
  cat > "$WORK/rsyslog.conf" <<EOF
global(workDirectory="$WORK/rsyslog")
module(load="imuxsock" SysSock.RateLimit.Interval="0")
mail.*  action(type="omfile" file="$OUT/postfix/syslog-rfc3164.log" template="RSYSLOG_TraditionalFileFormat")
mail.*  action(type="omfile" file="$OUT/postfix/syslog-rfc3339.log" template="RSYSLOG_FileFormat")
EOF
  rsyslogd -f "$WORK/rsyslog.conf" -i "$WORK/rsyslog.pid"
  sleep 1
  postfix_pass B ""
  sleep 2
  kill "$(cat "$WORK/rsyslog.pid")"; sleep 1
  stop_pid "$RESP_PID" "$DNS_PID"
}

inner_exim() {
  ns_setup
  rm -f "$OUT"/exim/mainlog "$OUT"/exim/rejectlog "$OUT"/exim/paniclog
  start_helpers exim
  rm -rf /var/spool/exim4/input/* /var/spool/exim4/msglog/* /var/spool/exim4/db/*
  say "Exim: starting the daemon (queue runs every 15 s)"
  # -bdf (foreground) + &: in a new PID namespace our parent is PID 1, and Exim
  # does not detach from a PID-1 parent anyway, so keep the PID ourselves.
  exim4 -bdf -q15s -oP "$WORK/exim.pid" & EXIM_PID=$!
  sleep 2
  say "  injecting"
  python3 "$HERE/scenarios.py" send exim exim "$WORK"
  sleep 5
  wait_empty exim_count 420
  sleep 3
  stop_pid "$EXIM_PID"
  sleep 2
  stop_pid "$RESP_PID" "$DNS_PID"
}

if [ "${1:-}" = "--inner" ]; then
  OUT=$3; WORK=$4
  case "$2" in postfix) inner_postfix ;; exim) inner_exim ;; esac
  exit 0
fi

# ============================================================ outside (host side)
[ "$(id -u)" = 0 ] || { echo "must run as root" >&2; exit 1; }
OUT=$(mkdir -p "${1:-$HERE/..}" && cd "${1:-$HERE/..}" && pwd)
START=$(date +%s)
WORK=$(mktemp -d /tmp/maillog-gen.XXXXXX); chmod 755 "$WORK"
export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
say "output: $OUT   work: $WORK"

# Keep package installs from starting daemons outside the namespace.
POLICY_CREATED=
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; POLICY_CREATED=1
fi
cleanup() { [ -n "$POLICY_CREATED" ] && rm -f /usr/sbin/policy-rc.d; true; }
trap cleanup EXIT

say "apt-get update; installing postfix rsyslog python3 iproute2"
apt-get update -q >"$WORK/apt-update.log" 2>&1 || { cat "$WORK/apt-update.log"; exit 1; }
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
echo "postfix postfix/mailname string mail1.example.net" | debconf-set-selections
apt-get install "${APT_OPTS[@]}" postfix rsyslog python3 iproute2 >"$WORK/apt-postfix.log" 2>&1 \
  || { tail -30 "$WORK/apt-postfix.log"; exit 1; }

# ---------------------------------------------------------------- Postfix files
mkdir -p "$OUT/postfix" "$OUT/exim" "$OUT/expected" "$OUT/generate" "$WORK/postfix" "$WORK/bin" "$WORK/mbox-postfix" "$WORK/mbox-exim"
printf '#!/bin/sh\ncat >/dev/null\necho "mailbox service temporarily unavailable" >&2\nexit 75\n' > "$WORK/bin/tempfail.sh"
printf '#!/bin/sh\ncat >/dev/null\necho "no such user here" >&2\nexit 67\n' > "$WORK/bin/nouser.sh"
chmod 755 "$WORK/bin"/*.sh
prefill() { python3 -c "import sys; open(sys.argv[1],'w').write(('From old@example.net Sun Nov 22 00:00:00 2026\n'+'x'*70+'\n')*400)" "$1"; truncate -s 29990 "$1"; }
prefill "$WORK/mbox-postfix/fullbox"; : > "$WORK/mbox-postfix/localok"
chmod 1777 "$WORK/mbox-postfix"; chmod 666 "$WORK/mbox-postfix"/*
cat > "$WORK/postfix/aliases" <<EOF
postmaster: root
MAILER-DAEMON: postmaster
tempfail: "|$WORK/bin/tempfail.sh"
nouserpipe: "|$WORK/bin/nouser.sh"
fullbox: $WORK/mbox-postfix/fullbox
localok: $WORK/mbox-postfix/localok
EOF
python3 "$HERE/scenarios.py" postfix-transport > "$WORK/postfix/transport"
cat > "$WORK/postfix/sender_access" <<'EOF'
spammer@bad.example     REJECT Sender blocked by local policy
m-nxdomain.test         reject_unknown_sender_domain
EOF
echo '/^Subject:.*BUY CHEAP PILLS/    REJECT Message content rejected (spammy subject)' > "$WORK/postfix/header_checks"
postmap "$WORK/postfix/transport" "$WORK/postfix/sender_access"
postalias "$WORK/postfix/aliases"
PF_VERSION=$(postconf -h mail_version)
PF_PKG=$(dpkg-query -W -f='${Version}' postfix)
RS_PKG=$(dpkg-query -W -f='${Version}' rsyslog)
RS_VERSION=$(rsyslogd -v | head -1 | sed 's/,\{0,1\} *compiled with:.*//')

say "Postfix $PF_VERSION: entering a new network namespace (lo only)"
unshare --net --mount --pid --fork --mount-proc -- "$SELF" --inner postfix "$OUT" "$WORK"

# ---------------------------------------------------------------- Exim
say "installing exim4-daemon-light (this removes postfix: the two packages conflict)"
debconf-set-selections <<'EOF'
exim4-config exim4/dc_eximconfig_configtype select local delivery only; not on a network
exim4-config exim4/use_split_config boolean false
exim4-config exim4/dc_local_interfaces string 127.0.0.1
exim4-config exim4/mailname string mail1.example.net
exim4-config exim4/dc_other_hostnames string
exim4-config exim4/dc_relay_domains string
exim4-config exim4/dc_relay_nets string
exim4-config exim4/dc_minimaldns boolean false
exim4-config exim4/dc_postmaster string root
EOF
apt-get install "${APT_OPTS[@]}" exim4-daemon-light >"$WORK/apt-exim.log" 2>&1 \
  || { tail -30 "$WORK/apt-exim.log"; exit 1; }
EX_PKG=$(dpkg-query -W -f='${Version}' exim4-daemon-light)
EX_VERSION=$(exim4 -bV 2>/dev/null | head -1)
mkdir -p "$WORK/exim"
python3 "$HERE/scenarios.py" exim-routes > "$WORK/exim/routes"
prefill "$WORK/mbox-exim/fullbox"; : > "$WORK/mbox-exim/localok"
chown mail:mail "$WORK/mbox-exim" "$WORK/mbox-exim"/*; chmod 600 "$WORK/mbox-exim"/*
# Debian's exim4 reads /etc/exim4/exim4.conf before its debconf-generated config
sed -e "s|@WORK@|$WORK|g" -e "s|@OUT@|$OUT|g" "$HERE/conf/exim4.conf.in" > /etc/exim4/exim4.conf
chmod 644 /etc/exim4/exim4.conf
chown Debian-exim:adm "$OUT/exim"
exim4 -bV >/dev/null || { echo "exim4.conf does not parse" >&2; exim4 -bV; exit 1; }
say "Exim $EX_PKG: entering a new network namespace (lo only)"
unshare --net --mount --pid --fork --mount-proc -- "$SELF" --inner exim "$OUT" "$WORK"
chown root:root "$OUT/exim" "$OUT/exim"/* 2>/dev/null || true
chmod 644 "$OUT/exim"/* 2>/dev/null || true

# ---------------------------------------------------------------- expected + checks
say "writing expected/*.json from the scenario table"
for s in maillog_file syslog-rfc3164 syslog-rfc3339; do
  python3 "$HERE/scenarios.py" expected postfix "$s" "$OUT/postfix/$s.log" "$OUT/expected"
done
# No journald runs in the namespace: the journal sample is the RFC 3339 records with each
# stamp as `journalctl -o short-iso` prints it (second resolution, +0000), the same events.
sed -E 's/^([0-9-]{10}T[0-9:]{8})\.[0-9]+\+00:00 /\1+0000 /' "$OUT/postfix/syslog-rfc3339.log" > "$OUT/postfix/journal-short-iso.log"
cp "$OUT/expected/syslog-rfc3339.json" "$OUT/expected/journal-short-iso.json"
python3 "$HERE/scenarios.py" expected exim mainlog "$OUT/exim/mainlog" "$OUT/expected"
python3 "$HERE/scenarios.py" expected exim rejectlog "$OUT/exim/rejectlog" "$OUT/expected"
say "checks (every recipient of the table present in each log; deliveries match)"
for s in maillog_file syslog-rfc3164 syslog-rfc3339; do
  python3 "$HERE/scenarios.py" check postfix "$OUT/postfix/$s.log" "$OUT/expected"
done
python3 "$HERE/scenarios.py" check exim "$OUT/exim/mainlog" "$OUT/expected"
python3 "$HERE/scenarios.py" check exim "$OUT/exim/rejectlog"
[ -e "$OUT/exim/paniclog" ] && { say "WARNING: Exim wrote a paniclog:"; cat "$OUT/exim/paniclog"; }

cat > "$OUT/generate/VERSIONS" <<EOF
generated $(date -u +%Y-%m-%dT%H:%M:%SZ) on Debian $(cat /etc/debian_version), TZ=UTC, by samples/generate/generate.sh
postfix $PF_PKG (mail_version = $PF_VERSION)
rsyslog $RS_PKG ($RS_VERSION)
exim4-daemon-light $EX_PKG ($EX_VERSION)
EOF
cat "$OUT/generate/VERSIONS"
say "done in $(( $(date +%s) - START )) s; work files in $WORK"
