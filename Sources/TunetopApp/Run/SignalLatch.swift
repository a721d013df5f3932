import Foundation

/// Turns SIGINT/SIGTERM/SIGHUP into a flag a loop can poll, so headless commands end
/// cleanly (the run file closed, the summary written) instead of dying mid-record.
final class SignalLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var signal: Int32?
    private var sources: [DispatchSourceSignal] = []

    /// Whether a signal arrived.
    var isSet: Bool { lock.withLock { signal != nil } }

    /// The signal that arrived, if any.
    var received: Int32? { lock.withLock { signal } }

    /// Installs handlers for `signals` (their default action is ignored from now on) and
    /// calls `onSignal` once per delivery, on a background queue.
    static func install(_ signals: [Int32], onSignal: (@Sendable (Int32) -> Void)? = nil) -> SignalLatch {
        let latch = SignalLatch()
        let queue = DispatchQueue(label: "tunetop.signals")
        for number in signals {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                latch.lock.withLock { latch.signal = latch.signal ?? number }
                onSignal?(number)
            }
            source.resume()
            latch.sources.append(source)
        }
        return latch
    }

    /// Restores the default actions.
    func uninstall() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in [SIGINT, SIGTERM, SIGHUP] { Foundation.signal(number, SIG_DFL) }
    }
}
