#if os(Linux)
  import Glibc
#endif

// The benchmark executable: `swift run -c release optimize-bench [--quick] [--core]`. Each
// section is a function in its own file returning a rendered table; add a section by adding a
// file and a line below. `--core` runs only the two autodiff sections (Goldstein–Price and the
// chained Rosenbrock against hand-written code) and writes no CSV: the quick loop while tuning.
// `--sweep` runs only the sweep-overhead section, `--memory` only the peak-memory section,
// `--derivatives` only the derivative-cost table.

let arguments = Array(CommandLine.arguments.dropFirst())
let unknown = arguments.filter {
  !["--quick", "--core", "--sweep", "--memory", "--derivatives"].contains($0)
}
if !unknown.isEmpty {
  print(
    "optimize-bench: unknown argument \(unknown[0]); usage: optimize-bench [--quick] [--core] "
      + "[--sweep] [--memory] [--derivatives]")
  exit(2)
}
let plan: TimingPlan = arguments.contains("--quick") ? .quick : .full

#if DEBUG
  print("warning: a debug build; run `swift run -c release optimize-bench` for real numbers\n")
#endif

// `--sweep`: only the sweep-overhead section.
if arguments.contains("--sweep") {
  do {
    print(try sweepSection(arguments.contains("--quick") ? .quick : .full))
  } catch {
    print("optimize-bench: \(error)")
    exit(1)
  }
  exit(0)
}

// `--derivatives`: only the derivative-cost table.
if arguments.contains("--derivatives") {
  do {
    print(try derivativeCostSection(plan).table)
  } catch {
    print("optimize-bench: \(error)")
    exit(1)
  }
  exit(0)
}

// `--memory`: only the peak-memory section.
if arguments.contains("--memory") {
  do {
    print(try longRunMemorySection(quick: arguments.contains("--quick")).table)
  } catch {
    print("optimize-bench: \(error)")
    exit(1)
  }
  exit(0)
}

// The memory section runs before everything else: a child's ru_maxrss counts this process's
// own peak at the moment the child was spawned (Linux keeps the old address space's high-water
// mark across exec), and the later sections raise that peak to hundreds of MB.
let memorySection: Result<(table: String, runs: [MemoryRun]), any Error>? =
  arguments.contains("--core")
  ? nil : Result { try longRunMemorySection(quick: arguments.contains("--quick")) }

// The counter is real only if this executable's `malloc` is the one the process uses.
let probe = allocationsPerCall(calls: 100) { k in
  var s = 0.0
  for i in 0..<k { s += [Double](repeating: Double(i), count: 64)[3] }
  return s
}
print("allocation counter check: \(fixed(probe, 2)) allocations per 64-element array (expect 1)\n")

do {
  print(try goldsteinPriceSection(plan))
  print(try rosenbrockSection(plan))
} catch {
  print("optimize-bench: \(error)")
  exit(1)
}

if !arguments.contains("--core") {
  runIssueSections(quick: arguments.contains("--quick"), memory: memorySection!)
}
