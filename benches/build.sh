#!/usr/bin/env bash
# Times `kbgen build` on a synthetic corpus of N articles x 9 locales.
#
#   benches/build.sh 10000            # corpus in /tmp/kbgen-bench-10000, 3 runs
#   RUNS=5 OUT=/dev/shm/out benches/build.sh 1000
#
# Prints wall seconds, CPU seconds and peak memory of each run (GNU time), then the
# median wall time. Generate once; later runs reuse the corpus.
set -euo pipefail
n=${1:-1000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-/tmp/kbgen-bench-$n}
out=${OUT:-$corpus/public}
if [ ! -d "$corpus/content" ]; then
  python3 "$here/../shared/bench/gen_corpus.py" --articles "$n" --out "$corpus"
fi
cp "$here/site.yaml" "$corpus/"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$here/target}/release/kbgen"
walls=()
for i in $(seq "$runs"); do
  line=$(/usr/bin/time -f "%e %U %S %M" "$bin" build --root "$corpus" --output "$out" 2>&1 >/dev/null | tail -1)
  read -r wall user sys rss <<<"$line"
  echo "run $i: ${wall} s wall, $(echo "$user + $sys" | bc) s CPU, $((rss / 1024)) MB peak"
  walls+=("$wall")
done
printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print "median wall: " a[int((NR+1)/2)] " s"}'
