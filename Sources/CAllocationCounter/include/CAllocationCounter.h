#ifndef C_ALLOCATION_COUNTER_H
#define C_ALLOCATION_COUNTER_H

/// Heap allocation calls (malloc, calloc, realloc, aligned_alloc, posix_memalign, memalign)
/// made by the whole process since it started; always 0 where counting is not supported.
long optimize_allocation_count(void);

#endif
