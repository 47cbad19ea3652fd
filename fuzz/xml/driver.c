/* driver.c - entry point shared by the fuzz programs (see driver.h).
 *
 * Built by afl-clang-fast, main() is AFL++'s persistent loop over the shared-
 * memory test case. Built by a plain compiler, it replays inputs: each argument
 * is a file (or a directory, whose regular files are replayed in name order),
 * and with no argument the input is read from stdin. `--escape FILE...` only
 * prints the files as C string literals (for crash reports). */
#include "driver.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h> /* read(), used by __AFL_FUZZ_TESTCASE_LEN */

void fuzz_print_escaped(FILE *out, const uint8_t *bytes, size_t len)
{
	bool after_hex = false;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = bytes[i];
		bool hex_digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		if (c == '\\' || c == '"')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\x%02x", c);
		else if (after_hex && hex_digit)
			fprintf(out, "\" \"%c", c); /* "\x01" "a", not "\x01a" */
		else
			fputc(c, out);
		after_hex = c != '\\' && c != '"' && c != '\n' && c != '\r' && c != '\t' &&
			    (c < 0x20 || c >= 0x7f);
	}
}

void fuzz_fail(const uint8_t *input, size_t len, const char *what, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "\n==== FUZZ PROPERTY FAILED: %s\n", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n---- input (%zu bytes, C-escaped):\n\"", len);
	fuzz_print_escaped(stderr, input, len);
	fprintf(stderr, "\"\n");
	fflush(stderr);
	abort();
}

static void *counting_alloc(void *ctx, size_t size)
{
	void *p = malloc(size);
	if (p != NULL)
		((struct counting_mem *)ctx)->live++;
	return p;
}

static void counting_release(void *ctx, void *p)
{
	if (p != NULL)
		((struct counting_mem *)ctx)->live--;
	free(p);
}

void counting_mem_init(struct counting_mem *cm)
{
	cm->mem = (struct mem){ counting_alloc, counting_release, cm };
	cm->live = 0;
}

uint64_t fuzz_hash(const uint8_t *bytes, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++) {
		h ^= bytes[i];
		h *= 0x100000001b3u;
	}
	return h;
}

/* Runs one input from an exact-size copy (see driver.h). */
static void run_copy(const uint8_t *bytes, size_t len)
{
	uint8_t *copy = malloc(len > 0 ? len : 1);
	if (copy == NULL)
		abort();
	if (len > 0)
		memcpy(copy, bytes, len);
	fuzz_one(copy, len);
	free(copy);
}

#ifdef __AFL_FUZZ_TESTCASE_LEN

__AFL_FUZZ_INIT();

int main(void)
{
	__AFL_INIT();
	const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(10000)) {
		size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
		run_copy(buf, len);
	}
	return 0;
}

#else

static uint8_t *read_stream(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0;
	uint8_t *data = malloc(cap);
	if (data == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			uint8_t *bigger = realloc(data, cap * 2);
			if (bigger == NULL) {
				free(data);
				return NULL;
			}
			data = bigger;
			cap *= 2;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	*len = n;
	return data;
}

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return 1;
	}
	size_t len;
	uint8_t *data = read_stream(f, &len);
	fclose(f);
	if (data == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		return 1;
	}
	fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
	run_copy(data, len);
	free(data);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *path, long *count)
{
	DIR *d = opendir(path);
	if (d == NULL) {
		perror(path);
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **bigger = realloc(names, cap * sizeof *names);
			if (bigger == NULL)
				abort();
			names = bigger;
		}
		size_t size = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(size);
		if (names[n] == NULL)
			abort();
		snprintf(names[n], size, "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, compare_names);
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			status |= replay_file(names[i]);
			++*count;
		}
		free(names[i]);
	}
	free(names);
	return status;
}

/* `--escape FILE...`: print each file as a C string literal, run nothing. */
static int escape_files(int argc, char **argv)
{
	int status = 0;
	for (int i = 2; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t len;
		uint8_t *data = f != NULL ? read_stream(f, &len) : NULL;
		if (f != NULL)
			fclose(f);
		if (data == NULL) {
			perror(argv[i]);
			status = 1;
			continue;
		}
		fputc('"', stdout);
		fuzz_print_escaped(stdout, data, len);
		fputs("\"\n", stdout);
		free(data);
	}
	return status;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--escape") == 0)
		return escape_files(argc, argv);
	if (argc < 2) {
		size_t len;
		uint8_t *data = read_stream(stdin, &len);
		if (data == NULL)
			return 1;
		run_copy(data, len);
		free(data);
		return 0;
	}
	int status = 0;
	long count = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			status |= replay_dir(argv[i], &count);
		} else {
			status |= replay_file(argv[i]);
			count++;
		}
	}
	fprintf(stderr, "replayed %ld input(s)%s\n", count, status ? " (some unreadable)" : "");
	return status;
}

#endif
