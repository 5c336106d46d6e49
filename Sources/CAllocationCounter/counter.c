// Counts heap allocations by defining the C allocation entry points in the executable that
// links this target. With the symbols exported (the executable's linker settings), the dynamic
// linker binds every allocation of the process, the Swift runtime's included, to these
// definitions; each counts and forwards to glibc's implementation under its internal
// `__libc_` name. `free` stays glibc's, which matches because the memory is glibc's.
#include "CAllocationCounter.h"

#include <errno.h>  // also defines __GLIBC__ on glibc
#include <stddef.h>

#if defined(__linux__) && defined(__GLIBC__)

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static long allocation_count = 0;

static inline void count_one(void) { __atomic_fetch_add(&allocation_count, 1, __ATOMIC_RELAXED); }

void *malloc(size_t size) {
  count_one();
  return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
  count_one();
  return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
  count_one();
  return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
  count_one();
  return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
  count_one();
  return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
  count_one();
  void *p = __libc_memalign(alignment, size);
  if (p == NULL) return ENOMEM;
  *result = p;
  return 0;
}

long optimize_allocation_count(void) { return __atomic_load_n(&allocation_count, __ATOMIC_RELAXED); }
#else
long optimize_allocation_count(void) { return 0; }
#endif
