#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding and reading event files with plain system calls, so every failure names its file.
enum EventFiles {
    /// What a path names.
    enum Kind {
        case file, directory
    }

    static func kind(of path: String) throws -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw RunFileError.notFound(path: path) }
            throw ioError(path, "stat")
        }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// The event files of a directory: every file whose name contains `tfevents` (TensorBoard's
    /// rule), sorted by name, which TensorBoard designs to coincide with start time.
    static func list(directory: String) throws -> [String] {
        guard let handle = opendir(directory) else { throw ioError(directory, "opendir") }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.contains("tfevents"), (try? kind(of: join(directory, name))) == .file { names.append(name) }
        }
        return names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).map { join(directory, $0) }
    }

    /// The event files a path stands for: the file itself, or a directory's event files.
    static func resolve(_ path: String) throws -> [String] {
        switch try kind(of: path) {
        case .file: return [path]
        case .directory: return try list(directory: path)
        }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The bytes of a file from `offset` to its current end, at most `limit` of them.
    static func read(_ path: String, from offset: Int = 0, limit: Int = Int.max) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw RunFileError.notFound(path: path) }
            throw ioError(path, "open")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ioError(path, "fstat") }
        let available = max(0, Int(info.st_size) - offset)
        let wanted = min(available, limit)
        var filled = 0
        var failure: RunFileError?
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            while filled < wanted {
                let got = pread(descriptor, buffer.baseAddress! + filled, wanted - filled, off_t(offset + filled))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = ioError(path, "read")
                    break
                }
                if got == 0 { break }  // The file shrank since fstat; keep what is there.
                filled += got
            }
            count = filled
        }
        if let failure { throw failure }
        return bytes
    }

    /// The size of a file now.
    static func size(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw RunFileError.notFound(path: path) }
            throw ioError(path, "stat")
        }
        return Int(info.st_size)
    }

    /// Makes a new directory entry durable (a file created but not synced in its directory can
    /// vanish in a crash even after its own data was fsynced).
    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    /// Closes a file descriptor (a free function here, where no `close` method shadows it).
    static func closeDescriptor(_ descriptor: Int32) -> Int32 {
        close(descriptor)
    }

    static func ioError(_ path: String, _ operation: String) -> RunFileError {
        .io(file: path, operation: operation, reason: String(cString: strerror(errno)))
    }
}
