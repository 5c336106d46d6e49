import Autodiff
import OptimizationCore

/// A run's trace kept in bounded memory however long the run goes: the first records in full
/// (half the capacity: the start of a run, where a trajectory moves most and a log-scale plot
/// looks), then evenly spaced ones (every `stride`-th iteration, the stride doubling whenever
/// the other half is full, so they cover the whole run), plus the best and the last record.
struct BoundedTrace<T: SolverScalar> {
  let capacity: Int
  private var head: [IterationRecord<T>] = []
  private var spaced: [IterationRecord<T>] = []
  /// Spaced records are the iterations that are multiples of this.
  private(set) var stride: Int
  private var best: IterationRecord<T>?
  private var last: IterationRecord<T>?

  /// At most `capacity` records (at least 4), plus the best and the last; `stride` is the
  /// spacing of the records offered (`SolverOptions.traceEvery`).
  init(capacity: Int, stride: Int) {
    self.capacity = max(capacity, 4)
    self.stride = max(stride, 1)
  }

  var headCapacity: Int { capacity / 2 }
  var spacedCapacity: Int { capacity - headCapacity }

  /// Offers the next record (iterations in increasing order).
  mutating func add(_ record: IterationRecord<T>) {
    last = record
    if best.map({ Self.isBetter(record, than: $0) }) ?? true { best = record }
    if head.count < headCapacity {
      head.append(record)
      return
    }
    guard record.iteration % stride == 0 else { return }
    spaced.append(record)
    if spaced.count >= spacedCapacity {
      stride = stride > Int.max / 2 ? Int.max : stride * 2
      spaced.removeAll { $0.iteration % stride != 0 }
    }
  }

  /// The recorder's order: lower f, then on a tie a smaller gradient norm.
  private static func isBetter(_ a: IterationRecord<T>, than b: IterationRecord<T>) -> Bool {
    a.f < b.f || (a.f == b.f && a.gradientNorm < b.gradientNorm)
  }

  /// The kept records in iteration order, without repeats.
  var records: [IterationRecord<T>] {
    var all = head + spaced
    for extra in [best, last].compactMap({ $0 })
    where !all.contains(where: { $0.iteration == extra.iteration }) {
      let index = all.firstIndex { $0.iteration > extra.iteration } ?? all.endIndex
      all.insert(extra, at: index)
    }
    return all
  }
}
