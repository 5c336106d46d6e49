import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Work that several threads share: each runs `runShare()` once, and the shares split the work
/// among themselves.
protocol BlockJob: AnyObject {
  func runShare()
}

/// A few worker threads, started on first use and kept for the life of the process, that join
/// the calling thread on a `BlockJob`. One call at a time holds them; a call that finds them
/// held runs its job alone. Running a job allocates nothing.
final class BlockWorkers: @unchecked Sendable {
  /// The processors online, at most `maximumThreads`.
  static let availableThreads: Int = {
    let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    return max(1, min(maximumThreads, Int(online)))
  }()

  static let maximumThreads = 4

  static let shared = BlockWorkers()

  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// Signalled when a job opens, and when the last worker leaves one.
  private let opened = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let left = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let held = Atomic<Bool>(false)
  // Guarded by `mutex`.
  private var started = 0
  private var generation = 0
  private var open = false
  private var wanted = 0
  private var joined = 0
  private var participants = 0
  private var job: (any BlockJob)?

  private init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(opened, nil)
    pthread_cond_init(left, nil)
  }

  /// Opens `job` to up to `helpers` workers, each of which runs `job.runShare()` once; the
  /// caller runs its own share (specialised, not through the protocol) and then calls
  /// `close()`, which returns when every share that started has returned. A worker that wakes
  /// too late finds the job closed and does nothing, so a busy machine only leaves the caller
  /// more of the work. Returns false, having opened nothing, when another call holds the
  /// workers.
  func open(_ job: any BlockJob, helpers: Int) -> Bool {
    guard held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    else { return false }
    pthread_mutex_lock(mutex)
    while started < helpers {
      startWorker()
      started += 1
    }
    self.job = job
    wanted = helpers
    joined = 0
    generation &+= 1
    open = true
    pthread_cond_broadcast(opened)
    pthread_mutex_unlock(mutex)
    return true
  }

  /// Closes the job `open` opened, once its started shares are done.
  func close() {
    pthread_mutex_lock(mutex)
    open = false
    while participants > 0 { pthread_cond_wait(left, mutex) }
    self.job = nil
    pthread_mutex_unlock(mutex)
    held.store(false, ordering: .releasing)
  }

  private func startWorker() {
    var thread = pthread_t()
    let context = Unmanaged.passUnretained(self).toOpaque()
    let status = pthread_create(
      &thread, nil,
      { context in
        Unmanaged<BlockWorkers>.fromOpaque(context!).takeUnretainedValue().work()
        return nil
      }, context)
    precondition(status == 0, "could not start a worker thread (error \(status))")
    pthread_detach(thread)
  }

  private func work() {
    var seen = 0
    pthread_mutex_lock(mutex)
    while true {
      while !(open && generation != seen && joined < wanted) {
        pthread_cond_wait(opened, mutex)
      }
      seen = generation
      joined += 1
      participants += 1
      let job = self.job!
      pthread_mutex_unlock(mutex)
      job.runShare()
      pthread_mutex_lock(mutex)
      participants -= 1
      if participants == 0 { pthread_cond_signal(left) }
    }
  }
}
