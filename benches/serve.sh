#!/usr/bin/env bash
# Times `kbgen serve` on a generated corpus of N articles × 9 locales:
#   - edit: append a line to one article, then fetch its page with curl until the
#     line is served; 20 edits, each timed with /usr/bin/time; prints the median;
#   - search index: after each edit, how long until the article's locale serves a
#     new search index (its meta.json names the shard folder, a hash of the index);
#   - full rebuild: change a template (which rebuilds every page), then fetch a
#     page until the change is served, timed the same way;
#   - memory: the server's resident and peak memory (VmRSS, VmHWM) after the
#     first build and after the full rebuild.
#
#   benches/serve.sh [N]          N defaults to 10000; the corpus is kept in
#                                 $CORPUS (default /tmp/kbgen-serve-N) for reruns
#
# /usr/bin/time prints elapsed time in hundredths of a second, so each figure
# is rounded to 10 ms; the time includes starting curl for every poll.
set -euo pipefail

n=${1:-10000}
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-/tmp/kbgen-serve-$n}
edits=20
# LOCALE=zh edits an article of that locale (default: en).
locale=${LOCALE:-en}

if [ ! -d "$corpus/content" ]; then
    python3 "$here/../shared/bench/gen_corpus.py" --articles "$n" --out "$corpus"
fi
cp "$here/site.yaml" "$corpus/"
# The full-rebuild step below replaces this copy of a theme template.
mkdir -p "$corpus/templates"
cp "$here/themes/default/templates/base.html" "$corpus/templates/"

# KBGEN=path times another binary (an older build, for a before/after).
if [ -z "${KBGEN:-}" ]; then
    (cd "$here" && cargo build --release --quiet)
fi
bin=${KBGEN:-${CARGO_TARGET_DIR:-$here/target}/release/kbgen}
log=$(mktemp)
times=$(mktemp)

"$bin" serve --root "$corpus" --port 0 2>"$log" &
server=$!
article=$(cd "$corpus/content/$locale" && ls -d */ | head -1)
article=${article%/}/$(cd "$corpus/content/$locale/${article%/}" && ls article-*.md | sed -n 10p)
backup=$(mktemp)
cp "$corpus/content/$locale/$article" "$backup"
cleanup() {
    kill -INT "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    cp "$backup" "$corpus/content/$locale/$article"
    rm -rf "$corpus/templates"
    rm -f "$log" "$times" "$backup"
}
trap cleanup EXIT
trap "exit 1" INT TERM

# Wait for the first build: the server prints its address once it serves.
for _ in $(seq 1200); do
    grep -q '^serving ' "$log" && break
    kill -0 "$server" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
done
grep '^serving ' "$log"
base=$(sed -n 's/^serving \(http[^ ]*\) .*/\1/p' "$log")
url="${base}$locale/${article%.md}/"
curl -sf -o /dev/null "$url" || { echo "cannot fetch $url"; exit 1; }
echo "editing content/$locale/$article, served at $url"
memory() { awk '/^VmRSS|^VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$server/status"; echo; }
echo "memory after the first build: $(memory)"
meta="${base}search/$locale/meta.json"
index_times=$(mktemp)

# Polls $1 until its body contains $2, for at most $3 seconds, pausing $4 seconds
# between polls (a tight loop of curl would take a core from a long rebuild).
wait_for='deadline=$((SECONDS + $3)); until curl -sf "$1" | grep -q "$2"; do [ $SECONDS -lt $deadline ] || exit 1; sleep $4; done'

for i in $(seq "$edits"); do
    marker="bench-edit-$i-$$"
    before=$(curl -sf "$meta" | md5sum)
    start=$(date +%s.%N)
    /usr/bin/time -f %e -a -o "$times" bash -c \
        "printf '\n%s\n' '$marker' >> '$corpus/content/$locale/$article'; $wait_for" _ "$url" "$marker" 10 0.01
    deadline=$((SECONDS + 30))
    until [ "$(curl -sf "$meta" | md5sum)" != "$before" ]; do
        [ $SECONDS -lt $deadline ] || { echo "the search index did not change"; exit 1; }
        sleep 0.02
    done
    echo "$(date +%s.%N) - $start" | bc >>"$index_times"
    sleep 0.2
done
median=$(sort -n "$times" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f", m * 1000 }')
echo "edit one article -> page served: median of $edits = ${median} ms (all, s: $(sort -n "$times" | tr '\n' ' '))"
index=$(sort -n "$index_times" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f", m * 1000 }')
echo "edit one article -> its locale's search index served: median of $edits = ${index} ms"
rm -f "$index_times"

# A template of the site's own overrides the theme's: every page depends on it.
: >"$times"
sed "s|</footer>|<!-- bench-full-rebuild-$$ --></footer>|" "$here/themes/default/templates/base.html" \
    >"$corpus/base.html.new"
/usr/bin/time -f %e -a -o "$times" bash -c \
    "mv '$corpus/base.html.new' '$corpus/templates/base.html'; $wait_for" _ "$url" "bench-full-rebuild-$$" 600 0.25
echo "full rebuild (template change) -> page served: $(awk '{ printf "%.2f", $1 }' "$times") s"
echo "memory after the full rebuild: $(memory)"
echo "server log:"
grep -E '^(rebuilt|serving)' "$log" | sed 's/^/  /'
