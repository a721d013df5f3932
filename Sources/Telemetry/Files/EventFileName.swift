#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Names new event files `events.out.tfevents.<10-digit secs>.<host>.<pid>.<n>`, the pattern of
/// TensorBoard's and PyTorch's writers, so TensorBoard's name order is time order.
enum EventFileName {
    /// Files this process has created, so two writers in one second get different names.
    private static let sequence = Atomic<Int>(0)

    static let prefix = "events.out.tfevents."

    static func next(seconds: Int) -> String {
        let n = sequence.add(1, ordering: .relaxed).oldValue
        let digits = String(seconds)
        let padded = String(repeating: "0", count: max(0, 10 - digits.count)) + digits
        return "\(prefix)\(padded).\(hostName).\(getpid()).\(n)"
    }

    /// The seconds field of an event file name; nil for other names.
    static func seconds(of name: String) -> Int? {
        guard name.hasPrefix(prefix) else { return nil }
        return Int(name.dropFirst(prefix.count).prefix { $0 != "." })
    }

    /// The host name with anything that would break a file name replaced.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let cleaned = String(name.map { $0 == "/" || $0 == "." || $0 == " " ? "-" : $0 })
        return cleaned.isEmpty ? "localhost" : cleaned
    }
}
