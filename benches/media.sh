#!/usr/bin/env bash
# Times `kbgen build` on a corpus of N articles x 9 locales without and with media
# (benches/add_media.py: 10 images per 100 articles, linked from every locale).
#
#   benches/media.sh 1000             # corpora in /dev/shm, 3 runs each
#   RUNS=5 benches/media.sh 10000
#
# Prints each run (GNU time) and the median wall time of both corpora.
# /usr/bin/time prints the last line of stderr; a failed build stops the script.
set -euo pipefail
n=${1:-1000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
plain=${CORPUS:-/dev/shm/kbgen-bench-$n}
media=$plain-media
if [ ! -d "$plain/content" ]; then
  python3 "$here/../shared/bench/gen_corpus.py" --articles "$n" --out "$plain"
fi
cp "$here/site.yaml" "$plain/"
if [ ! -d "$media/content" ]; then
  cp -a "$plain" "$media"
  rm -rf "$media/public"
  python3 "$here/benches/add_media.py" "$media"
fi
cp "$here/site.yaml" "$media/"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$here/target}/release/kbgen"
# Runs alternate between the corpora, so that a noisy machine slows both alike.
declare -A walls
for i in $(seq "$runs"); do
  for corpus in "$plain" "$media"; do
    line=$(/usr/bin/time -f "%e %U %S %M" "$bin" build --root "$corpus" --output "$corpus/public" 2>&1 >/dev/null | tail -1)
    read -r wall user sys rss <<<"$line"
    name=$(basename "$corpus")
    echo "$name run $i: ${wall} s wall, $(echo "$user + $sys" | bc) s CPU, $((rss / 1024)) MB peak"
    walls[$name]="${walls[$name]:-} $wall"
  done
done
for corpus in "$plain" "$media"; do
  name=$(basename "$corpus")
  printf '%s\n' ${walls[$name]} | sort -n | awk -v c="$name" '{a[NR]=$1} END {print c " median wall: " a[int((NR+1)/2)] " s"}'
done
