#!/bin/sh
# Runs pflogsumm and eximstats on the samples and writes their output here,
# named by each tool's version. reference-tools.test.ts reads these files, so
# that maillog's summary is compared with what the tools really print on
# machines that do not have them.
#
#   test/reference-tools/record.sh [ROOT]
#
# ROOT is where the pflogsumm and exim4-base packages were unpacked
# (dpkg -x PACKAGE.deb ROOT); it defaults to / for installed packages.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
samples=$here/../../samples
root=${1:-}
pflogsumm=$root/usr/sbin/pflogsumm
eximstats=$root/usr/sbin/eximstats

# Perl lists rows of equal count in hash order, which changes from run to run
# unless its seed is fixed; the C locale keeps number formats plain.
export LC_ALL=C PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0

pv=$(perl "$pflogsumm" --version | sed -n 's/^pflogsumm //p')
ev=$(perl "$eximstats" --version | sed -n 's/^build: //p')

perl "$pflogsumm" "$samples/postfix/syslog-rfc3164.log" >"$here/pflogsumm-$pv-syslog-rfc3164.txt"
# That sample's Postfix logs as postfix-out; pflogsumm reads only "postfix" unless told.
perl "$pflogsumm" --syslog-name=postfix-out "$samples/postfix/maillog_file-long-ids.log" >"$here/pflogsumm-$pv-maillog_file-long-ids.txt"
# -nvr: volumes in bytes, not rounded to KB.
perl "$eximstats" -nvr "$samples/exim/mainlog" >"$here/eximstats-$ev-mainlog.txt"
perl "$eximstats" -nvr "$samples/exim/rejectlog" >"$here/eximstats-$ev-rejectlog.txt"

echo "recorded pflogsumm $pv and eximstats $ev in $here"
