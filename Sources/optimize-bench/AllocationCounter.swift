import CAllocationCounter

/// Heap allocations per call of `body`, over `calls` calls, counted by the process-wide
/// allocation hooks of `CAllocationCounter`.
func allocationsPerCall(calls: Int, _ body: (Int) -> Double) -> Double {
  let before = optimize_allocation_count()
  blackHole(body(calls))
  return Double(optimize_allocation_count() - before) / Double(calls)
}
