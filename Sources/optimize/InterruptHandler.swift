import Foundation
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
  }
}
