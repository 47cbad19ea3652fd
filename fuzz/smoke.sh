#!/bin/sh
# smoke.sh TARGET SECONDS CORPUS DICT - one bounded AFL++ run of $OUT/bin/TARGET
# (OUT defaults to out) from the seeds in CORPUS with the dictionary DICT; called
# by `make -C fuzz smoke`, run from fuzz/.
#
# Exit status 1 if a seed or a fuzzed input crashed or hung; each such input is
# printed C-escaped, followed by what the ASan replay build says about it.
# The environment lets AFL++ run as root on an untuned CI machine: no CPU
# frequency check, no core_pattern check, no CPU binding, no status screen.
set -u
target=$1
seconds=$2
corpus=$3
dict=$4
out=${OUT:-out}
bin=$out/bin/$target
asan=$out/bin/$target-asan
findings=$out/findings/$target

for f in "$bin" "$asan"; do
	[ -x "$f" ] || { echo "smoke: $f missing: run 'make -C fuzz build'" >&2; exit 2; }
done
command -v afl-fuzz >/dev/null || { echo "smoke: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }

status=0
explained=0
report() { # report KIND FILE...
	kind=$1; shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		status=1
		echo "smoke: $target: $kind: $f"
		printf '  input: '
		"$asan" --escape "$f"
		# The replay build names the property that failed (or ASan/UBSan the
		# bug); the first few are shown, the rest replay with the same command.
		explained=$((explained + 1))
		if [ $explained -le 10 ]; then
			"$asan" "$f" 2>&1 | grep -v '^replay' | sed -n '1,30p' | sed 's/^/    /'
		fi
	done
}

# AFL++ skips seeds that crash: check them here first, so that they count.
crashing_seeds=
for f in "$corpus"/*; do
	"$asan" "$f" >/dev/null 2>&1 || crashing_seeds="$crashing_seeds $f"
done
# shellcheck disable=SC2086
report "seed crashes" $crashing_seeds

rm -rf "$findings"
mkdir -p "$findings"
echo "smoke: $target: fuzzing for $seconds s (log: $findings/afl.log)"
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
AFL_SKIP_CRASHES=1 AFL_NO_CRASH_README=1 \
	afl-fuzz -V "$seconds" -t 2000 -m none -i "$corpus" -o "$findings" -x "$dict" -- "$bin" \
	> "$findings/afl.log" 2>&1
afl_status=$?
stats=$findings/default/fuzzer_stats
if [ ! -f "$stats" ]; then
	echo "smoke: $target: afl-fuzz failed (status $afl_status); the end of its log:" >&2
	tail -n 30 "$findings/afl.log" >&2
	exit 1
fi
stat() { sed -n "s/^$1 *: *//p" "$stats"; }
echo "smoke: $target: $(stat execs_done) execs, $(stat execs_per_sec) execs/s," \
	"corpus $(stat corpus_count) ($(stat corpus_found) new paths), map coverage $(stat bitmap_cvg)," \
	"stability $(stat stability), crashes $(stat saved_crashes), hangs $(stat saved_hangs)"

report crash "$findings"/default/crashes/id:*
report hang "$findings"/default/hangs/id:*
if [ $status -ne 0 ]; then
	echo "smoke: $target: FAILED (inputs above; replay one with: fuzz/$asan FILE;" \
		"add each to fuzz/regress/ once understood)"
else
	echo "smoke: $target: no crash, no hang"
fi
exit $status
