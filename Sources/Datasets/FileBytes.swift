import Foundation

/// Reads a whole file, turning Foundation's error into a `DatasetError` that names the file.
enum FileBytes {
    static func read(_ path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DatasetError.unreadable(file: path, reason: "no such file")
        }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw DatasetError.unreadable(file: path, reason: error.localizedDescription)
        }
    }
}

extension FileBytes {
    /// Writes `bytes` to `path` atomically, naming the file in the error.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DatasetError.unreadable(file: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
