import Autodiff
import Foundation
import OptimizationCore
import Solvers

/// Ctrl-C asks the running solver to stop after its current iteration (status `interrupted`);
/// a second Ctrl-C ends the process at once.
enum InterruptHandler {
  static func install() {
    Interruption.reset()
    signal(SIGINT) { _ in
      Interruption.request()
      signal(SIGINT, SIG_DFL)
    }
    // A parent may have started us with SIGINT blocked (threads of test runners and some
    // shells do, and the mask is inherited), which would make Ctrl-C do nothing.
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &mask, nil)
  }
}
