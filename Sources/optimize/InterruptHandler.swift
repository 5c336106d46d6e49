import Autodiff
import Foundation
import OptimizationCore
import Solvers

/// Ctrl-C (SIGINT), SIGTERM and SIGHUP ask the running solver to stop after its current
/// iteration (status `interrupted`); whatever stage the command is at, it then writes what it
/// has (logs, summary) and exits 130. A second signal of the same kind ends the process at once.
enum InterruptHandler {
  static let signals = [SIGINT, SIGTERM, SIGHUP]

  static func install() {
    Interruption.reset()
    var mask = sigset_t()
    sigemptyset(&mask)
    for number in signals {
      signal(number) { received in
        Interruption.request()
        signal(received, SIG_DFL)
      }
      sigaddset(&mask, number)
    }
    // A parent may have started us with these blocked (threads of test runners and some
    // shells do, and the mask is inherited), which would make Ctrl-C do nothing.
    pthread_sigmask(SIG_UNBLOCK, &mask, nil)
  }
}
