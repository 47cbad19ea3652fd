#!/usr/bin/env python3
"""Transition coverage of Ragel machines: which arcs of each machine did the tests take?

Method
------
Ragel exports a machine's final, minimized automaton with `ragel -x`: every state
with its list of range transitions `<t>LOW HIGH TARGET ACTIONS</t>`. Each listed
range is one transition (state, [LOW..HIGH], TARGET); inputs absent from the list
lead to the error state and are not transitions. The numbering is the one the
generated C uses for `cs`.

The `trace` build (-DMACHINE_TRACE) runs each machine one input at a time and
records (machine, state before, input) for every input the machine consumed
(src/machine_trace.c); at exit the set is appended to MACHINE_TRACE_FILE as lines
`<machine> <state> <input>`, inputs as unsigned bytes or event numbers.

Running one input at a time records exactly the transitions a whole-buffer run
takes. The generated exec is a loop that, for each input, picks the transition
from `cs` and that input alone, runs its actions and sets `cs`; nothing else
carries from one input to the next (the builder's offsets and pending pieces
never choose a transition). So the machine is resumable at any split, and exec
over [p, p+1) repeated walks the same (state, input) pairs as one exec over
[p, pe). What a split may change is the builder's side (pieces flushed at chunk
ends); the unit tests check that separately, every case at every chunk size.

A transition counts as covered when some traced (state, input) of its machine
has LOW <= input <= HIGH.

For each uncovered transition the report gives a shortest input that reaches its
source state: a breadth-first search over the exported graph from the entry
points (the start state first), taking the lowest input of each range. The prefix is only a hint for
writing a test; it may already be refused by the builder (e.g. text before the
stream header), which the grammar alone does not know.

Input values are normalized to 0..255 for byte machines (Ragel prints `char`
ranges as signed numbers); `alphtype int` event machines keep their values.

Usage: transition_coverage.py --trace TRACE [--machine NAME] [--min-percent N]
                              [--list-all] [--json OUT] MACHINE.xml...
Exit status: 0 when every reported machine reaches --min-percent (default 100),
1 when one does not, 2 on bad input.
"""

import argparse
import collections
import json
import math
import sys
import xml.etree.ElementTree as ET

SIGNED_BYTE_TYPES = {"char", "signed char", "schar"}
BYTE_TYPES = SIGNED_BYTE_TYPES | {"uchar", "unsigned char", "u8", "int8_t", "uint8_t"}

Transition = collections.namedtuple("Transition", "state intervals target")


class Machine:
    """One machine of a Ragel XML export: states, transitions, start state."""

    def __init__(self, name, alphtype, entries, transitions):
        self.name = name
        self.is_bytes = alphtype in BYTE_TYPES
        self.entries = entries          # [(name, state)], the start state first
        self.transitions = transitions  # in export order: by state, then by range


def normalize(low, high, alphtype):
    """A range as unsigned intervals: signed char -128..-1 becomes 128..255."""
    if alphtype not in SIGNED_BYTE_TYPES or low >= 0:
        return [(low, high)]
    if high < 0:
        return [(low & 0xFF, high & 0xFF)]
    return [(0, high), (low & 0xFF, 0xFF)]  # a range across zero wraps in two pieces


def load_machines(path):
    root = ET.parse(path).getroot()
    machines = []
    for definition in root.iter("ragel_def"):
        alphtype = (definition.findtext("alphtype") or "char").strip()
        body = definition.find("machine")
        start = int(body.findtext("start_state"))
        entries = [("start", start)] + [(e.get("name"), int(e.text))
                                        for e in body.iter("entry") if int(e.text) != start]
        transitions = []
        for state in body.iter("state"):
            sid = int(state.get("id"))
            for t in state.iter("t"):
                low, high, target = t.text.split()[:3]
                transitions.append(Transition(
                    sid, normalize(int(low), int(high), alphtype),
                    None if target == "x" else int(target)))
        machines.append(Machine(definition.get("name"), alphtype, entries, transitions))
    return machines


def load_trace(path):
    """{machine: {state: set of inputs}} from `<machine> <state> <input>` lines."""
    seen = collections.defaultdict(lambda: collections.defaultdict(set))
    with open(path, encoding="ascii") as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 3:
                raise ValueError(f"{path}:{number}: expected '<machine> <state> <input>'")
            seen[fields[0]][int(fields[1])].add(int(fields[2]))
    return seen


def shortest_prefixes(machine):
    """{state: (entry name, shortest input list from it)}, lowest input per range."""
    out = collections.defaultdict(list)
    for t in machine.transitions:
        out[t.state].append(t)
    prefix = {}
    for name, state in machine.entries:
        prefix.setdefault(state, (name, []))
    queue = collections.deque(state for _, state in machine.entries)
    while queue:
        state = queue.popleft()
        entry, inputs = prefix[state]
        for t in out[state]:
            if t.target is not None and t.target not in prefix:
                prefix[t.target] = (entry, inputs + [min(low for low, _ in t.intervals)])
                queue.append(t.target)
    return prefix


def c_escape(inputs):
    escapes = {0x5C: "\\\\", 0x22: '\\"', 0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
    out = []
    for i, value in enumerate(inputs):
        if value in escapes:
            out.append(escapes[value])
        elif 0x20 <= value < 0x7F:
            # A hex escape swallows following hex digits: close and reopen the literal.
            after_hex = i > 0 and out[-1].startswith("\\x")
            out.append(('""' if after_hex and chr(value) in "0123456789abcdefABCDEF" else "")
                       + chr(value))
        else:
            out.append(f"\\x{value:02x}")
    return '"' + "".join(out) + '"'


def describe_range(low, high, is_bytes):
    """'0x41..0x5a 'A'..'Z'', '0x0d', '3..5' (event numbers)."""
    if not is_bytes:
        return str(low) if low == high else f"{low}..{high}"
    numbers = f"0x{low:02x}" if low == high else f"0x{low:02x}..0x{high:02x}"
    if not all(0x20 <= v < 0x7F for v in (low, high)):
        return numbers
    chars = f"'{chr(low)}'" if low == high else f"'{chr(low)}'..'{chr(high)}'"
    return f"{numbers} {chars}"


def describe(t, machine):
    ranges = " | ".join(describe_range(low, high, machine.is_bytes) for low, high in t.intervals)
    target = "error" if t.target is None else t.target
    return f"state {t.state} --[{ranges}]--> {target}"


def describe_prefix(prefix, machine):
    if prefix is None:
        return "unreachable from every entry point"
    entry, inputs = prefix
    if not inputs:
        return "at the start" if entry == "start" else f"at entry {entry}"
    text = c_escape(inputs) if machine.is_bytes else " ".join(map(str, inputs))
    return f"after {text}" + ("" if entry == "start" else f" from entry {entry}")


def covered(t, inputs):
    return any(low <= i <= high for i in inputs for low, high in t.intervals)


def report(machine, seen, list_all):
    """Prints the machine's coverage; returns its JSON summary."""
    taken = [covered(t, seen.get(t.state, ())) for t in machine.transitions]
    total, hits = len(taken), sum(taken)
    # Rounded down, so that 100.0% is printed only when nothing is missing.
    percent = math.floor(1000.0 * hits / total) / 10 if total else 100.0
    print(f"{machine.name}: transitions covered {hits}/{total} ({percent:.1f}%)")
    prefixes = shortest_prefixes(machine) if hits < total else {}
    uncovered = []
    for t, hit in zip(machine.transitions, taken):
        if hit:
            if list_all:
                print(f"  covered    {describe(t, machine)}")
            continue
        prefix = prefixes.get(t.state)
        print(f"  uncovered  {describe(t, machine)}   {describe_prefix(prefix, machine)}")
        uncovered.append({"state": t.state, "ranges": [list(r) for r in t.intervals],
                          "target": t.target, "description": describe(t, machine),
                          "entry": prefix and prefix[0], "reached_by": prefix and prefix[1]})
    return {"total": total, "covered": hits, "percent": percent, "uncovered": uncovered}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--trace", required=True, help="MACHINE_TRACE_FILE written by the tests")
    ap.add_argument("--machine", action="append", help="report only this machine (repeatable)")
    ap.add_argument("--min-percent", type=float, default=100.0)
    ap.add_argument("--list-all", action="store_true", help="list covered transitions too")
    ap.add_argument("--json", metavar="OUT", help="write a machine-readable summary")
    ap.add_argument("exports", nargs="+", metavar="MACHINE.xml", help="from `ragel -x`")
    args = ap.parse_args(argv)
    try:
        machines = [m for path in args.exports for m in load_machines(path)]
        seen = load_trace(args.trace)
    except (OSError, ValueError, ET.ParseError, AttributeError, TypeError) as e:
        print(f"transition_coverage: {e}", file=sys.stderr)
        return 2
    if args.machine:
        unknown = set(args.machine) - {m.name for m in machines}
        if unknown:
            print(f"transition_coverage: no such machine: {', '.join(sorted(unknown))}",
                  file=sys.stderr)
            return 2
        machines = [m for m in machines if m.name in args.machine]
    summary, status = {}, 0
    for m in machines:
        result = summary[m.name] = report(m, seen.get(m.name, {}), args.list_all)
        if result["total"] and 100.0 * result["covered"] / result["total"] < args.min_percent:
            status = 1
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=2)
            f.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
