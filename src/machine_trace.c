#include "machine_trace.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_MACHINES_MAX 16
#define TRACE_STATES_MAX 4096

struct machine_hits {
	const char *name;
	uint8_t (*seen)[256 / 8]; /* one bit per (state, input) */
};

static struct machine_hits trace_machines[TRACE_MACHINES_MAX];
static int trace_registered;

static void trace_write(void)
{
	const char *path = getenv("MACHINE_TRACE_FILE");
	if (path == NULL)
		return;
	FILE *f = fopen(path, "a");
	if (f == NULL)
		return;
	for (int m = 0; m < TRACE_MACHINES_MAX; m++) {
		if (trace_machines[m].name == NULL)
			continue;
		for (int s = 0; s < TRACE_STATES_MAX; s++) {
			for (unsigned in = 0; in < 256; in++) {
				if ((trace_machines[m].seen[s][in / 8] & (1u << (in % 8))) &&
				    fprintf(f, "%s %d %u\n", trace_machines[m].name, s, in) < 0)
					abort(); /* a partial trace would under-report coverage */
			}
		}
	}
	if (fclose(f) != 0)
		abort();
}

void machine_trace_hit(const char *machine, int state, unsigned input)
{
	int m = 0;
	while (m < TRACE_MACHINES_MAX && trace_machines[m].name != NULL &&
	       strcmp(trace_machines[m].name, machine) != 0)
		m++;
	if (m == TRACE_MACHINES_MAX || state < 0 || state >= TRACE_STATES_MAX || input > 255)
		abort(); /* the tables are sized for every machine we have; grow them */
	if (trace_machines[m].name == NULL) {
		trace_machines[m].name = machine;
		trace_machines[m].seen = calloc(TRACE_STATES_MAX, sizeof *trace_machines[m].seen);
		if (trace_machines[m].seen == NULL)
			abort();
		if (!trace_registered) {
			if (atexit(trace_write) != 0)
				abort();
			trace_registered = 1;
		}
	}
	trace_machines[m].seen[state][input / 8] |= (uint8_t)(1u << (input % 8));
}
