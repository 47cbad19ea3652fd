/* log.h - one line per event, to stderr and optionally syslog (facility daemon).
 *
 * Ownership: struct logger is plain configuration owned by whoever runs the
 * server and passed by pointer; nothing here allocates; `out` is borrowed.
 * Lines never contain passwords or SASL payloads: callers log names, addresses
 * and conditions, and the protocol trace (trace.h) redacts before it writes. */
#ifndef XMPPD_LOG_H
#define XMPPD_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config.h"

struct logger {
	enum config_log_level level;
	bool syslog;
	FILE *out; /* NULL: stderr (tests point it at a memory stream) */
};

void log_open(const struct logger *lg);
void log_line(const struct logger *lg, enum config_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool log_enabled(const struct logger *lg, enum config_log_level level);
/* One protocol trace line (already escaped to one line by trace.c), tagged
 * TRACE and written whatever log.level says: the connection was chosen for
 * tracing by log.trace* (docs/config.md). */
void log_trace(const struct logger *lg, const char *text, size_t len);

#endif
