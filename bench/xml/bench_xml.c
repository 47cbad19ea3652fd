/* bench_xml - throughput of our XML tokenizer+builder against expat, same run.
 *
 * For each corpus profile (corpus.h) it parses one whole client stream, fed in
 * 4096-byte reads as a socket would deliver it, with:
 *   ours          xml_parser_feed() with default limits; the stanza handler
 *                 walks each tree (elements, attributes, text bytes)
 *   expat+malloc  expat 2 in namespace mode, building an equivalent tree per
 *                 stanza with one malloc per node and per string, freed after
 *                 each stanza: the typical expat tree builder
 *   expat+arena   the same tree built in our arena (src/arena.h), reset after
 *                 each stanza: what ours does, on expat's tokenizer
 *   expat-empty   expat with handlers that only count: its tokenizer floor
 * Both sides copy each read once (ours into a read buffer, expat into
 * XML_GetBuffer), walk the same tree shape and create a parser per stream.
 * The variants live in ours.c and expat.c (see bench.h).
 *
 * Before timing, every variant parses the profile once while hashing its trees
 * (names with namespaces, attributes in order, coalesced text); the run aborts
 * unless all agree, and every timed run must reproduce the same counts.
 *
 * Timing: runs rotate through the variants until each has at least --runs
 * runs and --time seconds; the best run counts. MB is 10^6 bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "corpus.h"

void bench_die(const char *what)
{
	fprintf(stderr, "bench_xml: %s\n", what);
	exit(2);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool tally_eq(const struct tally *a, const struct tally *b)
{
	return a->stanzas == b->stanzas && a->elements == b->elements && a->attrs == b->attrs &&
	       a->text_nodes == b->text_nodes && a->text_bytes == b->text_bytes;
}

struct variant {
	const char *name;
	const char *description;
	bool (*run)(const struct corpus *c, bool hashing, struct digest *out);
	bool builds_tree; /* its hash can be compared */
};

enum { V_OURS, V_EXPAT_MALLOC, V_EXPAT_ARENA, V_EXPAT_EMPTY, V_COUNT };

static const struct variant variants[V_COUNT] = {
	[V_OURS] = { "ours", "tokenizer + builder, tree in arena", run_ours, true },
	[V_EXPAT_MALLOC] = { "expat+malloc", "expat NS + tree, malloc per node/string", run_expat_malloc, true },
	[V_EXPAT_ARENA] = { "expat+arena", "expat NS + tree in our arena", run_expat_arena, true },
	[V_EXPAT_EMPTY] = { "expat-empty", "expat NS, counting handlers (floor)", run_expat_empty, false },
};

struct options {
	bool profile_on[CORPUS_PROFILE_COUNT];
	bool variant_on[V_COUNT];
	double min_seconds;   /* per variant and profile */
	unsigned min_runs;
	double size_mb;       /* 0: the profile's default */
	bool verify;
};

static const double default_size_mb[CORPUS_PROFILE_COUNT] = {
	[CORPUS_SMALL] = 8, [CORPUS_MIXED] = 12, [CORPUS_LARGE] = 16,
};

struct result {
	double best, total;
	double times[4096];
	unsigned runs;
};

static void usage(void)
{
	fprintf(stderr,
		"usage: bench_xml [--profile small|mixed|large]... [--variant NAME]...\n"
		"                 [--time SECONDS] [--runs N] [--size MB] [--no-verify]\n"
		"       bench_xml --dump PROFILE [--size MB]   (writes the stream to stdout)\n"
		"variants: ours expat+malloc expat+arena expat-empty\n");
	exit(2);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static void print_corpus(const struct corpus *c)
{
	size_t *sorted = malloc(c->stanzas * sizeof *sorted);
	if (sorted == NULL || c->stanzas == 0)
		bench_die("out of memory");
	memcpy(sorted, c->stanza_bytes, c->stanzas * sizeof *sorted);
	qsort(sorted, c->stanzas, sizeof *sorted, cmp_size);
	static const size_t edges[] = { 512, 1024, 4096, 16384, 65536, SIZE_MAX };
	static const char *const labels[] = { "<512B", "<1K", "<4K", "<16K", "<64K", ">=64K" };
	size_t stanza_total = 0, bucket_bytes[6] = { 0 }, bucket_count[6] = { 0 };
	for (size_t i = 0; i < c->stanzas; i++) {
		size_t k = 0;
		while (sorted[i] >= edges[k])
			k++;
		bucket_count[k]++;
		bucket_bytes[k] += sorted[i];
		stanza_total += sorted[i];
	}
	printf("profile %s: %s\n", corpus_profile_name(c->profile),
	       corpus_profile_description(c->profile));
	printf("  %.2f MB, %zu stanzas; stanza bytes min %zu, median %zu, p90 %zu, max %zu\n",
	       (double)c->len / 1e6, c->stanzas, sorted[0], sorted[c->stanzas / 2],
	       sorted[c->stanzas * 9 / 10], sorted[c->stanzas - 1]);
	printf("  size mix (stanzas%% / bytes%%):");
	for (size_t k = 0; k < 6; k++) {
		if (bucket_count[k] == 0)
			continue;
		printf(" %s %.0f/%.0f", labels[k], 100.0 * (double)bucket_count[k] / (double)c->stanzas,
		       100.0 * (double)bucket_bytes[k] / (double)stanza_total);
	}
	printf("\n");
	free(sorted);
}

static void print_digest(const char *name, const struct digest *d)
{
	fprintf(stderr, "  %-13s %llu stanzas, %llu elements, %llu attrs, %llu text nodes, "
		"%llu text bytes, hash %016llx\n", name, (unsigned long long)d->t.stanzas,
		(unsigned long long)d->t.elements, (unsigned long long)d->t.attrs,
		(unsigned long long)d->t.text_nodes, (unsigned long long)d->t.text_bytes,
		(unsigned long long)d->hash);
}

/* With o->verify every variant runs, tree builders hashing; else only the
 * selected ones, counting. Exits unless all agree with the first. */
static void verify(const struct corpus *c, const struct options *o, struct digest *reference)
{
	unsigned first = V_COUNT;
	for (unsigned v = 0; v < V_COUNT; v++) {
		if (!o->verify && !o->variant_on[v])
			continue;
		bool hashing = o->verify && variants[v].builds_tree;
		struct digest d = { { 0 }, 0 };
		if (!variants[v].run(c, hashing, &d))
			bench_die("a parser refused the corpus");
		if (first == V_COUNT) {
			first = v;
			*reference = d;
			continue;
		}
		if (tally_eq(&d.t, &reference->t) && (!hashing || d.hash == reference->hash))
			continue;
		fprintf(stderr, "bench_xml: %s and %s parse %s differently:\n",
			variants[first].name, variants[v].name, corpus_profile_name(c->profile));
		print_digest(variants[first].name, reference);
		print_digest(variants[v].name, &d);
		exit(1);
	}
	if (reference->t.stanzas != c->stanzas)
		bench_die("the parsers saw a different number of stanzas than the generator wrote");
	printf("  verified (%s): %llu stanzas, %llu elements, %llu attributes, "
	       "%llu text nodes, %llu text bytes\n",
	       o->verify ? "all variants; trees hashed and equal" : "selected variants; counts",
	       (unsigned long long)reference->t.stanzas, (unsigned long long)reference->t.elements,
	       (unsigned long long)reference->t.attrs, (unsigned long long)reference->t.text_nodes,
	       (unsigned long long)reference->t.text_bytes);
	if (o->verify)
		printf("  ours: %llu allocations through struct mem (%.2f per stanza)\n",
		       (unsigned long long)ours_allocations(),
		       (double)ours_allocations() / (double)reference->t.stanzas);
}

static void measure(const struct corpus *c, const struct options *o, const struct digest *ref,
		    struct result res[V_COUNT])
{
	for (unsigned v = 0; v < V_COUNT; v++)
		res[v] = (struct result){ .best = 1e30 };
	for (;;) {
		bool done = true;
		for (unsigned v = 0; v < V_COUNT; v++) {
			if (!o->variant_on[v])
				continue;
			struct result *r = &res[v];
			if (r->runs >= o->min_runs && r->total >= o->min_seconds)
				continue;
			if (r->runs == sizeof r->times / sizeof r->times[0])
				continue;
			done = false;
			struct digest d = { { 0 }, 0 };
			double t0 = now_seconds();
			bool ok = variants[v].run(c, false, &d);
			double t = now_seconds() - t0;
			if (!ok || !tally_eq(&d.t, &ref->t))
				bench_die("a timed run parsed differently from the verified run");
			r->times[r->runs++] = t;
			r->total += t;
			if (t < r->best)
				r->best = t;
		}
		if (done)
			return;
	}
}

static double median(struct result *r)
{
	qsort(r->times, r->runs, sizeof r->times[0], cmp_double);
	return r->times[r->runs / 2];
}

int main(int argc, char **argv)
{
	struct options o = { .min_seconds = 1.0, .min_runs = 5, .verify = true };
	bool any_profile = false, any_variant = false;
	const char *dump = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--no-verify") == 0) {
			o.verify = false;
			continue;
		}
		if (val == NULL)
			usage();
		i++;
		if (strcmp(a, "--profile") == 0) {
			enum corpus_profile p;
			if (!corpus_profile_parse(val, &p))
				usage();
			o.profile_on[p] = any_profile = true;
		} else if (strcmp(a, "--variant") == 0) {
			unsigned v = 0;
			while (v < V_COUNT && strcmp(val, variants[v].name) != 0)
				v++;
			if (v == V_COUNT)
				usage();
			o.variant_on[v] = any_variant = true;
		} else if (strcmp(a, "--time") == 0) {
			o.min_seconds = atof(val);
		} else if (strcmp(a, "--runs") == 0) {
			o.min_runs = (unsigned)atoi(val);
		} else if (strcmp(a, "--size") == 0) {
			o.size_mb = atof(val);
		} else if (strcmp(a, "--dump") == 0) {
			dump = val;
		} else {
			usage();
		}
	}
	if (o.min_runs < 1)
		o.min_runs = 1;
	for (unsigned p = 0; p < CORPUS_PROFILE_COUNT; p++)
		o.profile_on[p] |= !any_profile;
	for (unsigned v = 0; v < V_COUNT; v++)
		o.variant_on[v] |= !any_variant;

	if (dump != NULL) {
		enum corpus_profile p;
		struct corpus c;
		if (!corpus_profile_parse(dump, &p))
			usage();
		double mb = o.size_mb > 0 ? o.size_mb : default_size_mb[p];
		if (!corpus_build(p, (size_t)(mb * 1e6), &c))
			bench_die("out of memory");
		bool ok = fwrite(c.bytes, 1, c.len, stdout) == c.len;
		corpus_free(&c);
		return ok ? 0 : 2;
	}

	setvbuf(stdout, NULL, _IOLBF, 0); /* progress shows, and precedes any error */
	printf("bench_xml: %u-byte reads; best of >= %u runs and >= %.1f s per variant; "
	       "MB = 10^6 bytes; expat %s\n",
	       BENCH_READ_BYTES, o.min_runs, o.min_seconds, expat_version_text());
	static struct result res[CORPUS_PROFILE_COUNT][V_COUNT];
	static struct corpus corpora[CORPUS_PROFILE_COUNT];
	for (unsigned p = 0; p < CORPUS_PROFILE_COUNT; p++) {
		if (!o.profile_on[p])
			continue;
		double mb = o.size_mb > 0 ? o.size_mb : default_size_mb[p];
		struct corpus *c = &corpora[p];
		if (!corpus_build((enum corpus_profile)p, (size_t)(mb * 1e6), c))
			bench_die("out of memory");
		printf("\n");
		print_corpus(c);
		struct digest ref = { { 0 }, 0 };
		verify(c, &o, &ref);
		measure(c, &o, &ref, res[p]);
		printf("  %-13s %9s %9s %12s %5s   %s\n", "variant", "MB/s", "median", "stanzas/s",
		       "runs", "ours vs. this");
		for (unsigned v = 0; v < V_COUNT; v++) {
			if (!o.variant_on[v])
				continue;
			struct result *r = &res[p][v];
			double med = median(r);
			printf("  %-13s %9.1f %9.1f %12.0f %5u", variants[v].name,
			       (double)c->len / 1e6 / r->best, (double)c->len / 1e6 / med,
			       (double)c->stanzas / r->best, r->runs);
			if (o.variant_on[V_OURS] && v != V_OURS)
				printf("   %.2fx", r->best / res[p][V_OURS].best);
			printf("   %s\n", variants[v].description);
		}
	}
	if (o.variant_on[V_OURS]) {
		printf("\nsummary: best MB/s, and ours / expat variant\n  %-8s %9s", "profile", "ours");
		for (unsigned v = 1; v < V_COUNT; v++) {
			if (o.variant_on[v])
				printf(" %13s %7s", variants[v].name, "ratio");
		}
		printf("\n");
		for (unsigned p = 0; p < CORPUS_PROFILE_COUNT; p++) {
			if (!o.profile_on[p])
				continue;
			double mb = (double)corpora[p].len / 1e6;
			printf("  %-8s %9.1f", corpus_profile_name((enum corpus_profile)p),
			       mb / res[p][V_OURS].best);
			for (unsigned v = 1; v < V_COUNT; v++) {
				if (o.variant_on[v])
					printf(" %13.1f %6.2fx", mb / res[p][v].best,
					       res[p][v].best / res[p][V_OURS].best);
			}
			printf("\n");
		}
	}
	for (unsigned p = 0; p < CORPUS_PROFILE_COUNT; p++)
		corpus_free(&corpora[p]);
	return 0;
}
