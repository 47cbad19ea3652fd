#!/bin/sh
# profile.sh BENCH_XML OUT_DIR [MB] - instruction counts (callgrind, deterministic)
# for every variant and corpus profile, then our parser's top functions.
#
# Wall-clock numbers on a shared 2-core machine move with whatever else runs;
# instruction counts do not, so optimizations are compared on these. Each run
# collects inside the variant's run function only (--toggle-collect): parsing,
# the 4096-byte read copies and the stanza handler; not corpus generation.
set -eu
bin=$1
out=$2
mb=${3:-2}
mkdir -p "$out"

total_ir() {
	callgrind_annotate --auto=no "$1" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}

printf '%-8s %-13s %14s %9s\n' profile variant instructions "per byte"
for p in small mixed large; do
	bytes=$("$bin" --dump "$p" --size "$mb" | wc -c)
	for v in ours expat+malloc expat+arena expat-empty; do
		fn=run_$(echo "$v" | tr '+-' '__')
		file=$out/callgrind.$p.$v.out
		valgrind --tool=callgrind --toggle-collect="$fn" --callgrind-out-file="$file" \
			"$bin" --profile "$p" --variant "$v" --no-verify --runs 1 --time 0 \
			--size "$mb" >/dev/null 2>"$out/callgrind.$p.$v.log" ||
			{ cat "$out/callgrind.$p.$v.log"; exit 1; }
		ir=$(total_ir "$file")
		awk -v p="$p" -v v="$v" -v ir="$ir" -v b="$bytes" 'BEGIN { printf "%-8s %-13s %14d %9.1f\n", p, v, ir, ir / b }'
	done
done
for p in small mixed large; do
	echo
	echo "== ours, $p ($mb MB): self cost by function (callgrind_annotate $out/callgrind.$p.ours.out)"
	callgrind_annotate --auto=no "$out/callgrind.$p.ours.out" |
		sed -n '/^Ir/,$p' | sed -n '7,24p' |
		sed -e 's| \[[^]]*\]$||' -e 's|\./string/\.\./sysdeps/x86_64/multiarch/||' -e 's|/[^ ]*/main/||'
done
