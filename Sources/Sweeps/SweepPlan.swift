import Foundation
import Problems
import Runs
import Solvers

/// One run of a sweep: which instance, solver configuration, start and repetition.
public struct SweepTask: Sendable, Hashable {
  public var instance: Int
  public var solver: Int
  public var startIndex: Int
  public var repetition: Int
  /// The stable id of the run, the same on every machine: `problem n=10 | solver lr=0.1 |
  /// start 2 | repetition 0`.
  public var key: String
}

/// The runs of a definition, in a fixed order, with each problem instance loaded once (for its
/// dimension, start points and known minima).
public struct SweepPlan: Sendable {
  public let definition: SweepDefinition
  public let problems: [Problem]
  /// Start points per instance: index 0 is the problem's own.
  public let starts: [[[Double]]]
  public let tasks: [SweepTask]

  public init(_ definition: SweepDefinition) throws(SweepError) {
    try definition.validate()
    self.definition = definition
    var problems: [Problem] = []
    var starts: [[[Double]]] = []
    for instance in definition.problems {
      let problem: Problem
      do {
        problem = try ProblemCatalog.load(instance.problem, parameters: instance.parameters)
      } catch {
        throw SweepError("\(error)")
      }
      problems.append(problem)
      let label = Self.instanceLabel(instance)
      starts.append(
        [problem.start]
          + StartPoints.random(
            count: definition.randomStarts, around: problem.start, problem: problem,
            seed: Self.instanceSeed(definition.seed, label)))
    }
    self.problems = problems
    self.starts = starts
    var tasks: [SweepTask] = []
    for (i, instance) in definition.problems.enumerated() {
      // Least-squares methods are not applicable to problems without residuals, nor a solver
      // that does not handle bounds to a bounded problem: not run.
      for (s, solver) in definition.solvers.enumerated()
      where SolverSelection.applies(solver.solver, toResidualProblem: problems[i].isResidual)
        && (problems[i].bounds == nil || RunBounds.handlesBounds(solver.solver))
      {
        for start in 0...definition.randomStarts {
          for repetition in 0..<definition.repetitions {
            let key =
              "\(Self.instanceLabel(instance)) | \(solver.label) | start \(start)"
              + " | repetition \(repetition)"
            tasks.append(
              SweepTask(
                instance: i, solver: s, startIndex: start, repetition: repetition, key: key))
          }
        }
      }
    }
    self.tasks = tasks
  }

  /// `mgh/watson n=9`: the problem and its parameter values, sorted by name.
  public static func instanceLabel(_ instance: SweepDefinition.ProblemInstance) -> String {
    ([instance.problem]
      + instance.parameters.keys.sorted().map { "\($0)=\(instance.parameters[$0]!)" })
      .joined(separator: " ")
  }

  /// The seed of an instance's random starts: the sweep's seed mixed with the instance's label,
  /// so adding a problem to a sweep leaves the other problems' starts as they were.
  static func instanceSeed(_ seed: UInt64, _ label: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in label.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return seed ^ hash
  }

  /// A rough relative cost of a task, for balancing shards: methods that form Hessians or
  /// dense matrices grow with n², the others with n.
  func expectedCost(_ task: SweepTask) -> Double {
    let n = Double(problems[task.instance].dimension)
    let name = definition.solvers[task.solver].solver
    let quadratic: Set<String> = [
      "newton", "newton-trust-region", "bfgs", "nelder-mead", "gsl-vector-bfgs",
      "gsl-vector-bfgs2", "gsl-nmsimplex", "gsl-nmsimplex2",
    ]
    return quadratic.contains(name) ? n * n + n : n + 1
  }

  /// The tasks of shard `k` of `count` (1-based): the longest tasks first, each given to the
  /// shard with the least expected cost so far (ties to the lowest shard). The same
  /// definition gives the same slicing on every machine.
  public func shard(_ k: Int, of count: Int) -> [SweepTask] {
    precondition(count >= 1 && (1...count).contains(k), "shard \(k)/\(count)")
    if count == 1 { return tasks }
    let order = tasks.indices.sorted {
      let (a, b) = (expectedCost(tasks[$0]), expectedCost(tasks[$1]))
      return a != b ? a > b : $0 < $1
    }
    var load = [Double](repeating: 0, count: count)
    var assigned = [Int](repeating: 0, count: tasks.count)
    for index in order {
      let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
      load[target] += expectedCost(tasks[index])
      assigned[index] = target + 1
    }
    return tasks.indices.filter { assigned[$0] == k }.map { tasks[$0] }
  }
}
