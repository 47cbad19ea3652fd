/* loop_timer.c - the loop's timers: a slab of slots and a binary min-heap.
 *
 * A slot holds the timer; the heap holds slot numbers ordered by (deadline,
 * arming order), each slot knowing its heap position, so cancel and reset are
 * O(log n) with no search. The heap is sized with the slab, so arming, resetting
 * and cancelling never allocate: only adding past the slab's size does (doubling).
 * A timer id is (generation << 32 | slot); the generation changes whenever the
 * slot is freed, so stale ids miss. Ownership: see loop.h. */
#include <string.h>

#include "loop_internal.h"

#define TIMER_OFF_HEAP UINT32_MAX /* heap_index of a live timer whose callback runs */
#define TIMER_NO_SLOT UINT32_MAX  /* end of the free slot list */
#define TIMER_CAPACITY_FIRST 16

void loop_timers_init(struct loop *loop)
{
	loop->timers = NULL;
	loop->heap = NULL;
	loop->timer_capacity = 0;
	loop->heap_len = 0;
	loop->free_timer = TIMER_NO_SLOT;
	loop->next_seq = 0;
}

void loop_timers_release(struct loop *loop)
{
	mem_release(loop->mem, loop->timers);
	mem_release(loop->mem, loop->heap);
	loop_timers_init(loop);
}

size_t loop_timers_memory(const struct loop *loop)
{
	return (size_t)loop->timer_capacity * (sizeof(struct loop_timer) + sizeof(uint32_t));
}

static uint64_t timer_id_of(uint32_t slot, uint32_t generation)
{
	return (uint64_t)generation << 32 | slot;
}

static struct loop_timer *timer_of(const struct loop *loop, uint64_t timer_id)
{
	uint32_t slot = (uint32_t)timer_id;
	if (slot >= loop->timer_capacity)
		return NULL;
	struct loop_timer *t = &loop->timers[slot];
	return t->fn != NULL && t->generation == (uint32_t)(timer_id >> 32) ? t : NULL;
}

static bool timer_before(const struct loop *loop, uint32_t a, uint32_t b)
{
	const struct loop_timer *ta = &loop->timers[a], *tb = &loop->timers[b];
	return ta->deadline_ms != tb->deadline_ms ? ta->deadline_ms < tb->deadline_ms : ta->seq < tb->seq;
}

static void heap_place(struct loop *loop, uint32_t pos, uint32_t slot)
{
	loop->heap[pos] = slot;
	loop->timers[slot].heap_index = pos;
}

static void heap_sift_up(struct loop *loop, uint32_t pos)
{
	uint32_t slot = loop->heap[pos];
	while (pos > 0 && timer_before(loop, slot, loop->heap[(pos - 1) / 2])) {
		heap_place(loop, pos, loop->heap[(pos - 1) / 2]);
		pos = (pos - 1) / 2;
	}
	heap_place(loop, pos, slot);
}

static void heap_sift_down(struct loop *loop, uint32_t pos)
{
	uint32_t slot = loop->heap[pos];
	for (;;) {
		size_t child = 2 * (size_t)pos + 1;
		if (child >= loop->heap_len)
			break;
		if (child + 1 < loop->heap_len && timer_before(loop, loop->heap[child + 1], loop->heap[child]))
			child++;
		if (!timer_before(loop, loop->heap[child], slot))
			break;
		heap_place(loop, pos, loop->heap[child]);
		pos = (uint32_t)child;
	}
	heap_place(loop, pos, slot);
}

static void heap_fix(struct loop *loop, uint32_t pos)
{
	if (pos > 0 && timer_before(loop, loop->heap[pos], loop->heap[(pos - 1) / 2]))
		heap_sift_up(loop, pos);
	else
		heap_sift_down(loop, pos);
}

static void heap_remove(struct loop *loop, uint32_t pos)
{
	loop->timers[loop->heap[pos]].heap_index = TIMER_OFF_HEAP;
	uint32_t last = loop->heap[--loop->heap_len];
	if (pos < loop->heap_len) {
		heap_place(loop, pos, last);
		heap_fix(loop, pos);
	}
}

/* Timers and heap grow together: the heap never needs more room than there are
 * slots, which is what keeps arming and resetting allocation-free. */
static enum loop_status timers_grow(struct loop *loop)
{
	size_t old = loop->timer_capacity;
	size_t capacity = old > 0 ? old * 2 : TIMER_CAPACITY_FIRST;
	if (capacity >= TIMER_NO_SLOT)
		return LOOP_E_NOMEM;
	struct loop_timer *timers = mem_alloc(loop->mem, capacity * sizeof *timers);
	uint32_t *heap = mem_alloc(loop->mem, capacity * sizeof *heap);
	if (timers == NULL || heap == NULL) {
		mem_release(loop->mem, timers);
		mem_release(loop->mem, heap);
		return LOOP_E_NOMEM;
	}
	if (old > 0) {
		memcpy(timers, loop->timers, old * sizeof *timers);
		memcpy(heap, loop->heap, loop->heap_len * sizeof *heap);
	}
	for (size_t slot = old; slot < capacity; slot++) /* chained into the (empty) free list */
		timers[slot] = (struct loop_timer){ .heap_index = slot + 1 < capacity ? (uint32_t)slot + 1 : TIMER_NO_SLOT,
						    .generation = 1 };
	mem_release(loop->mem, loop->timers);
	mem_release(loop->mem, loop->heap);
	loop->timers = timers;
	loop->heap = heap;
	loop->timer_capacity = (uint32_t)capacity;
	loop->free_timer = (uint32_t)old;
	return LOOP_OK;
}

static void timer_arm(struct loop *loop, uint32_t slot, uint64_t delay_ms)
{
	struct loop_timer *t = &loop->timers[slot];
	t->deadline_ms = delay_ms > UINT64_MAX - loop->now_ms ? UINT64_MAX : loop->now_ms + delay_ms;
	t->seq = loop->next_seq++;
	if (t->heap_index != TIMER_OFF_HEAP) {
		heap_fix(loop, t->heap_index);
		return;
	}
	loop->heap[loop->heap_len] = slot;
	heap_sift_up(loop, loop->heap_len++);
}

static void timer_release(struct loop *loop, uint32_t slot)
{
	struct loop_timer *t = &loop->timers[slot];
	t->fn = NULL;
	t->ctx = NULL;
	t->generation = t->generation == UINT32_MAX ? 1 : t->generation + 1; /* 0 would allow id 0 */
	t->heap_index = loop->free_timer;
	loop->free_timer = slot;
}

enum loop_status loop_timer_add(struct loop *loop, uint64_t delay_ms, loop_timer_fn *fn, void *ctx,
				uint64_t *timer_id)
{
	if (fn == NULL)
		return LOOP_E_INVALID;
	if (loop->free_timer == TIMER_NO_SLOT) {
		enum loop_status status = timers_grow(loop);
		if (status != LOOP_OK)
			return status;
	}
	uint32_t slot = loop->free_timer;
	struct loop_timer *t = &loop->timers[slot];
	loop->free_timer = t->heap_index;
	t->fn = fn;
	t->ctx = ctx;
	t->heap_index = TIMER_OFF_HEAP;
	timer_arm(loop, slot, delay_ms);
	*timer_id = timer_id_of(slot, t->generation);
	return LOOP_OK;
}

enum loop_status loop_timer_reset(struct loop *loop, uint64_t timer_id, uint64_t delay_ms)
{
	if (timer_of(loop, timer_id) == NULL)
		return LOOP_E_NOT_FOUND;
	timer_arm(loop, (uint32_t)timer_id, delay_ms);
	return LOOP_OK;
}

void loop_timer_cancel(struct loop *loop, uint64_t timer_id)
{
	struct loop_timer *t = timer_of(loop, timer_id);
	if (t == NULL)
		return;
	if (t->heap_index != TIMER_OFF_HEAP)
		heap_remove(loop, t->heap_index);
	timer_release(loop, (uint32_t)timer_id);
}

void loop_timers_run(struct loop *loop)
{
	/* Timers armed from here on wait for the next turn: a 0 ms timer that
	 * re-arms itself must not keep this turn going forever. */
	uint64_t seq_limit = loop->next_seq;
	while (loop->heap_len > 0) {
		uint32_t slot = loop->heap[0];
		const struct loop_timer *t = &loop->timers[slot];
		if (t->deadline_ms > loop->now_ms || t->seq >= seq_limit)
			break;
		heap_remove(loop, 0);
		uint64_t id = timer_id_of(slot, t->generation);
		t->fn(loop, id, t->ctx);
		/* Not reset and not cancelled by its callback: a one-shot, now done. */
		t = timer_of(loop, id);
		if (t != NULL && t->heap_index == TIMER_OFF_HEAP)
			timer_release(loop, slot);
	}
}

int loop_timers_wait_ms(const struct loop *loop, int timeout_ms)
{
	if (loop->heap_len == 0)
		return timeout_ms;
	uint64_t deadline = loop->timers[loop->heap[0]].deadline_ms;
	uint64_t until = deadline > loop->now_ms ? deadline - loop->now_ms : 0;
	if (timeout_ms >= 0 && (uint64_t)timeout_ms < until)
		return timeout_ms;
	return until < INT32_MAX ? (int)until : INT32_MAX;
}

