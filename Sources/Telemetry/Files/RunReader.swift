/// Reads a whole run: one tfevents file, or every `*tfevents*` file of a directory in name
/// order. Verifies both checksums of every record, reports damage (file, offset, reason) and
/// resynchronizes past it, and applies TensorBoard's restart semantics (see `RestartFilter`).
public enum RunReader {
    /// Reads the run at `path` (a tfevents file or a run directory).
    /// Throws when the path does not exist, a directory holds no event files, or a file cannot be
    /// read at all; damage inside a file is reported in `damages`, never thrown.
    public static func read(path: String) throws -> RunContents {
        let files = try EventFiles.resolve(path)
        if files.isEmpty { throw RunFileError.noEventFiles(directory: path) }
        var decoder = EventDecoder()
        var filter = RestartFilter()
        var damages: [Damage] = []
        for file in files {
            let bytes = try EventFiles.read(file)
            filter.reserveCapacity(bytes.count / 40)
            damages += decodeFile(bytes, name: file, decoder: &decoder) { filter.append($0) }
        }
        return RunContents(events: filter.finish(), damages: damages, files: files)
    }

    /// Decodes every valid record of a whole file, handing each event to `sink` in order;
    /// returns the damage found, sorted by offset.
    static func decodeFile(
        _ bytes: [UInt8], name: String, decoder: inout EventDecoder, sink: (DecodedEvent) -> Void
    ) -> [Damage] {
        let scanner = RecordScanner(file: name, base: 0, atEndOfFile: true)
        var batch: [DecodedEvent] = []
        var damages: [Damage] = []
        let outcome = bytes.withUnsafeBytes { raw in
            scanner.scan(raw) { data, offset in
                batch.removeAll(keepingCapacity: true)
                do {
                    try decoder.decode(data, into: &batch)
                    for decoded in batch { sink(decoded) }
                } catch {
                    damages.append(Damage(file: name, offset: offset, reason: "invalid Event protobuf: \(error)"))
                }
            }
        }
        return (damages + outcome.damages).sorted { $0.offset < $1.offset }
    }
}
