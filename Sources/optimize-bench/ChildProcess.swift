import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a finished child process used: its exit status, wall time and peak resident memory.
struct ChildUsage {
  var exitStatus: Int32
  var seconds: Double
  /// The child's peak resident set (ru_maxrss from wait4), in bytes.
  var peakResidentBytes: Double
}

/// Runs `executable` with `arguments`, its standard output and error sent to /dev/null, and
/// waits for it. Throws when it cannot be started.
func runChild(_ executable: String, _ arguments: [String]) throws -> ChildUsage {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

  let argv = ([executable] + arguments).map { strdup($0) }
  defer { argv.forEach { free($0) } }
  var pid: pid_t = 0
  let start = nanoseconds()
  let code = (argv + [nil]).withUnsafeBufferPointer { pointers in
    posix_spawn(
      &pid, executable, &actions, nil, UnsafeMutablePointer(mutating: pointers.baseAddress!),
      environ)
  }
  guard code == 0 else {
    throw BenchFailure("cannot start \(executable): \(String(cString: strerror(code)))")
  }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0 {
    guard errno == EINTR else {
      throw BenchFailure("wait4: \(String(cString: strerror(errno)))")
    }
  }
  let seconds = Double(nanoseconds() - start) * 1e-9
  // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
  let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  return ChildUsage(
    exitStatus: exitStatus, seconds: seconds, peakResidentBytes: Double(usage.ru_maxrss) * 1024)
}

/// A benchmark section that could not run; the message says why.
struct BenchFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
