/* machine_trace.h - records which transitions of each Ragel machine ran (test builds only).
 *
 * Compiled only in the `trace` variant (-DMACHINE_TRACE). The parsers call
 * machine_trace_hit() for every transition they take; at exit the set of
 * (machine, state, input) triples is appended to the file named by the
 * MACHINE_TRACE_FILE environment variable, which tools/transition_coverage.py
 * matches against Ragel's own export of each machine.
 *
 * Ownership: the recorder owns its tables; they live until process exit. This
 * is the one deliberate process-wide state outside the event loop, and it
 * exists only in instrumented test binaries. */
#ifndef XMPPD_MACHINE_TRACE_H
#define XMPPD_MACHINE_TRACE_H

/* `input` is a byte for byte machines, an event number for event machines (< 256). */
void machine_trace_hit(const char *machine, int state, unsigned input);

#endif
