/* log.h - one line per event, to stderr and optionally syslog (facility daemon).
 *
 * Ownership: struct logger is plain configuration owned by whoever runs the
 * server and passed by pointer; nothing here allocates. Lines never contain
 * passwords or SASL payloads: callers log names, addresses and conditions. */
#ifndef XMPPD_LOG_H
#define XMPPD_LOG_H

#include <stdbool.h>

#include "config.h"

struct logger {
	enum config_log_level level;
	bool syslog;
};

void log_open(const struct logger *lg);
void log_line(const struct logger *lg, enum config_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool log_enabled(const struct logger *lg, enum config_log_level level);

#endif
