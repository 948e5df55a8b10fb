#!/usr/bin/env bash
# Times `kbgen translate export` and `import` on a synthetic corpus of N articles
# x 9 locales: every locale but English at once, as a team sends work out.
#
#   benches/translate.sh 10000          # corpus in /tmp/kbgen-bench-10000, 3 runs
#   RUNS=5 WORK=/dev/shm/tr benches/translate.sh 1000
#
# Per run, wall seconds, CPU seconds and peak memory (GNU time) of:
#   export-po, export-xliff  every segment of the corpus, for 8 locales;
#   import-all               a pseudo-translation of every segment (each msgstr is
#                            its msgid with a mark in front), so every one of the
#                            N x 8 translations is rewritten;
#   import-same              the export of that result imported again: nothing
#                            changes, every page is still read and checked.
# Then the median wall time of each. Generate once; later runs reuse the corpus.
set -euo pipefail
n=${1:-1000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-/tmp/kbgen-bench-$n}
work=${WORK:-$corpus-translate}
to=es,it,fr,nl,de,zh,pt,pl
if [ ! -d "$corpus/content" ]; then
  python3 "$here/../shared/bench/gen_corpus.py" --articles "$n" --out "$corpus"
fi
cp "$here/site.yaml" "$corpus/"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$here/target}/release/kbgen"
mkdir -p "$work"

# msgstr = "ʃ" + msgid for every message but the header, fuzzy flags dropped.
pseudo() {
  python3 - "$@" <<'PY'
import os, sys
out_dir = sys.argv[1]
for src in sys.argv[2:]:
    out, msgid, state, header = [], None, None, True
    for line in open(src, encoding="utf-8"):
        if line.startswith("#, fuzzy"):
            continue
        if line.startswith("msgid "):
            msgid, state = [line[6:]], "id"
        elif line.startswith("msgstr "):
            if header:
                header, state = False, "header"
            else:
                state = "str"
                if msgid[0] == '""\n' and len(msgid) > 1:
                    out += ['msgstr ""\n', '"ʃ' + msgid[1][1:]] + msgid[2:]
                else:
                    out += ['msgstr "ʃ' + msgid[0][1:]] + msgid[1:]
                continue
        elif line.startswith('"'):
            if state == "id":
                msgid.append(line)
            elif state == "str":
                continue
        else:
            state = None
        out.append(line)
    with open(os.path.join(out_dir, os.path.basename(src)), "w", encoding="utf-8") as f:
        f.write("".join(out))
PY
}

declare -A walls
timed() {
  local name=$1
  shift
  local line wall user sys rss
  line=$(/usr/bin/time -f "%e %U %S %M" "$@" 2>&1 >/dev/null | tail -1)
  read -r wall user sys rss <<<"$line"
  echo "$name: ${wall} s wall, $(echo "$user + $sys" | bc) s CPU, $((rss / 1024)) MB peak"
  walls[$name]+="$wall "
}

for i in $(seq "$runs"); do
  echo "run $i"
  rm -rf "$work/po" "$work/xliff" "$work/pseudo" "$work/again" "$work/site"
  timed export-po "$bin" translate export --root "$corpus" --to $to -o "$work/po"
  timed export-xliff "$bin" translate export --root "$corpus" --to $to --format xliff -o "$work/xliff"
  mkdir -p "$work/pseudo"
  pseudo "$work/pseudo" "$work"/po/*.po
  cp -a "$corpus" "$work/site"
  timed import-all "$bin" translate import --root "$work/site" "$work"/pseudo/*.po
  "$bin" translate export --root "$work/site" --to $to -o "$work/again" >/dev/null 2>&1
  timed import-same "$bin" translate import --root "$work/site" "$work"/again/*.po
done
for name in export-po export-xliff import-all import-same; do
  # shellcheck disable=SC2086
  printf '%s\n' ${walls[$name]} | sort -n |
    awk -v name="$name" '{a[NR]=$1} END {print name " median wall: " a[int((NR+1)/2)] " s"}'
done
