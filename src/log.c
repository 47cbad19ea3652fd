#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>

bool log_enabled(const struct logger *lg, enum config_log_level level)
{
	return level <= lg->level;
}

void log_open(const struct logger *lg)
{
	if (lg->syslog)
		openlog("xmppd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

static void write_line(const struct logger *lg, const char *tag, const char *text, size_t len)
{
	struct timespec now;
	struct tm tm;
	char stamp[32] = "";
	if (clock_gettime(CLOCK_REALTIME, &now) == 0 && gmtime_r(&now.tv_sec, &tm) != NULL)
		(void)strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	(void)fprintf(lg->out != NULL ? lg->out : stderr, "%s %s %.*s\n", stamp, tag, (int)len, text);
}

void log_line(const struct logger *lg, enum config_log_level level, const char *fmt, ...)
{
	if (!log_enabled(lg, level))
		return;
	static const int priorities[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized): initialized just above */
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	write_line(lg, config_log_level_name(level), line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	if (lg->syslog && (unsigned)level < sizeof priorities / sizeof priorities[0])
		syslog(priorities[level], "%s", line);
}

void log_trace(const struct logger *lg, const char *text, size_t len)
{
	write_line(lg, "TRACE", text, len);
	if (lg->syslog)
		syslog(LOG_DEBUG, "TRACE %.*s", (int)len, text);
}
