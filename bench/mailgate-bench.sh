#!/bin/sh
# Mail gate benchmark: wall time and CPU time per mail of src/main/dist/postdesk-mailgate against
# `java -jar postdesk.jar pipe`, each handing the same kind of mail to a running Postdesk (docs/performance.md,
# "Mail gate"). CPU is the client's own (user + system of the gate and its children: sh, curl, openssl or the JVM),
# read with the shell's `times`; wall is per mail, end to end, so it includes the server taking the mail.
#
#   bench/mailgate-bench.sh URL JAR [MAILS] [SECRET]
#   e.g.  java -Xmx512m -jar target/postdesk-*.jar --postdesk.data-dir=/tmp/pd-bench --server.port=18080 &
#         bench/mailgate-bench.sh http://127.0.0.1:18080 target/postdesk-*.jar 200
# With SECRET, set the same webhook secret in Settings first; both clients then sign each mail.
set -eu
url=$1 jar=$2 mails=${3:-200} secret=${4:-}
gate=$(dirname "$0")/../src/main/dist/postdesk-mailgate
export POSTDESK_URL=$url
[ -n "$secret" ] && export POSTDESK_WEBHOOK_SECRET=$secret

mail() {
    printf 'From: Bench <bench%s@example.com>\r\nTo: help@postdesk.test\r\nSubject: Bench %s %s\r\n' "$2" "$1" "$2"
    printf 'Message-ID: <bench-%s-%s-%s@example.com>\r\n\r\n' "$1" "$2" "$$"
    i=0
    while [ $i -lt 40 ]; do printf 'A line of a customer mail, about sixty characters long, ok.\r\n'; i=$((i + 1)); done
}

times_file=$(mktemp)
trap 'rm -f "$times_file"' EXIT
# Children's user and system seconds (the second line of `times`, e.g. "0m0.120s 0m0.050s"), read from the file
# `times > "$times_file"` wrote: `times` must run in this shell, since a $(...) subshell's children used nothing.
now() { date +%s%N; }
cpu_now() { sed -n 2p "$times_file" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); n += p[1] * 60 + p[2] } print n }'; }

run() { # name, command...
    name=$1; shift
    n=$((mails < 20 ? mails : 20))
    k=0; while [ $k -lt "$n" ]; do mail "warm-$name" $k | "$@" 2>/dev/null || true; k=$((k + 1)); done
    walls=''
    times > "$times_file"; c0=$(cpu_now)
    k=0
    while [ $k -lt "$mails" ]; do
        t0=$(now)
        mail "$name" $k | "$@" 2>/dev/null || { echo "$name: exit $? at mail $k" >&2; exit 1; }
        walls="$walls $(( ($(now) - t0) / 1000 ))"
        k=$((k + 1))
    done
    times > "$times_file"; c1=$(cpu_now)
    echo "$walls" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk -v name="$name" -v cpu="$(echo "$c1 $c0" | awk '{print $1 - $2}')" -v n="$mails" '
        { w[NR] = $1; s += $1 }
        END { printf "| %s | %d | %.1f | %.1f | %.1f | %.1f |\n", name, n, w[int(NR * 0.5 + 0.5)] / 1000, w[int(NR * 0.95 + 0.5)] / 1000, s / NR / 1000, cpu * 1000 / n }'
}

echo "| client | mails | wall p50 ms | wall p95 ms | wall mean ms | CPU ms/mail |"
echo "|---|---|---|---|---|---|"
# The harness's own cost (making the mail, reading the clock), counted in the same children's times: subtract it.
run "baseline: cat > /dev/null" sh -c 'cat > /dev/null'
run postdesk-mailgate sh "$gate"
run "java -jar pipe" java -jar "$jar" pipe
