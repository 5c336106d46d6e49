import Autodiff
import Foundation
import Testing

/// Graphs are freed when their last result is: no reference cycles, so repeated gradient
/// evaluations run in constant memory.
@Suite struct MemoryTests {
  final class WeakNodes {
    private var references: [() -> Variable<Double>?] = []
    func watch(_ nodes: Variable<Double>...) {
      for node in nodes { references.append { [weak node] in node } }
    }
    var alive: Int { references.filter { $0() != nil }.count }
  }

  @Test func graphAndGradientsAreFreedAfterBackward() throws {
    let watched = WeakNodes()
    do {
      let x = input([1, 2, 3])
      let y = exp(x) * x
      let z = sum(y * y)
      try z.backward()
      watched.watch(x, y, z, x.grad!)
      #expect(watched.alive == 4)
    }
    #expect(watched.alive == 0)
  }

  @Test func recordedGradientsAreFreedWithTheirResults() throws {
    let watched = WeakNodes()
    do {
      let x = input([1, 2])
      let y = sum(pow(x, 3))
      let g = try grad(of: y, wrt: [x], createGraph: true)[0]
      let h = try grad(of: g[0], wrt: [x], createGraph: true)[0]
      watched.watch(x, y, g, h)
    }
    #expect(watched.alive == 0)
  }

  @Test func createGraphOnBackwardIsReleasedByClearGrad() throws {
    // With createGraph a leaf's .grad refers to a graph containing the leaf; clearGrad breaks
    // that cycle.
    let watched = WeakNodes()
    do {
      let x = input(2)
      let y = x * x * x
      try y.backward(createGraph: true)
      watched.watch(x, y, x.grad!)
      x.clearGrad()
    }
    #expect(watched.alive == 0)
  }

  /// Shallow graphs are freed by plain recursive release, deep ones iteratively (see
  /// `Variable.deinit`): both must free every node, on either side of the boundary.
  @Test(arguments: [1, 2, 255, 256, 257, 258, 5_000])
  func chainsAreFreedCompletely(length: Int) {
    let watched = WeakNodes()
    do {
      let x = input(1)
      var y = x
      var nodes = [Variable<Double>]()
      for _ in 0..<length {
        y = y * 0.5
        nodes.append(y)
      }
      watched.watch(x, nodes[0], nodes[length / 2], y)
      nodes.removeAll()
      #expect(watched.alive == 4)
    }
    #expect(watched.alive == 0)
  }

  /// A secondary thread's stack can be small (512 kB is the default on macOS): freeing a chain
  /// of 100 000 nodes, or the deepest chain freed recursively, must fit in it.
  @Test func freeingFitsASmallThreadStack() {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      for length in [256, 100_000] {
        var y = input(1)
        for _ in 0..<length { y = y * 2 }
        _ = y
      }
      done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
  }

  /// Resident memory of this process, from /proc/self/statm.
  static func residentBytes() -> Int {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return 0
    }
    let fields = statm.split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// Runs in a child process of its own (an exit test), so that no other suite's allocations
  /// share the measurement; the child fails if its resident memory grew past the bound.
  @Test func repeatedHessiansRunInConstantMemory() async {
    await #expect(processExitsWith: .success) {
      // Each evaluation builds a few hundred nodes holding 100-element vectors (about 150 kB);
      // a leak of that graph over 2 000 evaluations would be about 300 MB.
      let f: (Variable<Double>) -> Variable<Double> = { x in
        let v = concat([x, Variable([Double](repeating: 0.5, count: 98))])
        return sum(exp(v * x[0]) * sin(v) + v * x[1] * x[1])
      }
      func evaluate() -> Double { hessianVectorProduct(of: f, at: [0.3, 0.7], along: [1, 0])[0] }
      for _ in 0..<200 { _ = evaluate() }
      let before = MemoryTests.residentBytes()
      var total = 0.0
      for _ in 0..<2_000 { total += evaluate() }
      let growth = MemoryTests.residentBytes() - before
      // AddressSanitizer keeps up to 16 MB of freed blocks in quarantine (scripts/sanitize.sh).
      guard total.isFinite, before > 0, growth < 40_000_000 else {
        print("resident memory grew by \(growth) bytes (before: \(before))")
        exit(1)
      }
    }
  }
}
