import Engine

/// Loads a numeric classification table: comma-separated, one example per line, every
/// feature cell a finite decimal number, one label column. Blank lines are skipped; cells
/// are trimmed of spaces and of one pair of surrounding double quotes (quoted commas are
/// not supported: the bundled tables never quote).
///
/// Labels: when every label is a non-negative integer below `maxIntegerClassId` the ids are
/// used as they are (so `0 = malignant` stays 0); otherwise the distinct labels, sorted
/// (numerically when they are numbers), become classes `0, 1, …` and `classNames`.
public enum CSVLoader {
    /// Integer labels at or above this are treated as names, so a stray huge id cannot size
    /// per-class arrays.
    public static let maxIntegerClassId = 4096

    /// Loads `path`. `labelColumn` is the header name of the label column (with a header) or
    /// its number counting from 1 (without one); nil takes the last column.
    public static func load(path: String, labelColumn: String?, hasHeader: Bool = true) throws -> Dataset {
        let bytes = try FileBytes.read(path)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DatasetError.unreadable(file: path, reason: "not UTF-8 text")
        }
        // Split bytes, not Characters: Swift treats "\r\n" as one Character.
        var rows: [(line: Int, cells: [Substring])] = []
        for (offset, rawLine) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            let cells = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            rows.append((offset + 1, cells.map { trimmed(Substring(decoding: $0, as: UTF8.self)) }))
        }
        guard let first = rows.first else {
            throw DatasetError.csv(file: path, line: 1, column: 1, expected: "a header or data line", found: "an empty file")
        }
        let columnCount = first.cells.count
        let labelIndex = try resolveLabelColumn(labelColumn, hasHeader: hasHeader, first: first, path: path)
        let dataRows = hasHeader ? rows.dropFirst() : rows[...]
        guard !dataRows.isEmpty else {
            throw DatasetError.csv(file: path, line: first.line + 1, column: 1, expected: "at least one data line", found: "end of file")
        }
        guard columnCount >= 2 else {
            throw DatasetError.csv(
                file: path, line: first.line, column: 1, expected: "a label column and at least one feature column",
                found: "\(columnCount) column")
        }

        var features = [Float]()
        features.reserveCapacity(dataRows.count * (columnCount - 1))
        var labelTexts = [Substring]()
        labelTexts.reserveCapacity(dataRows.count)
        for row in dataRows {
            guard row.cells.count == columnCount else {
                throw DatasetError.csv(
                    file: path, line: row.line, column: min(row.cells.count, columnCount) + 1,
                    expected: "\(columnCount) columns like line \(first.line)", found: "\(row.cells.count)")
            }
            for (column, cell) in row.cells.enumerated() {
                if column == labelIndex {
                    guard !cell.isEmpty else {
                        throw DatasetError.csv(file: path, line: row.line, column: column + 1, expected: "a label", found: "an empty cell")
                    }
                    labelTexts.append(cell)
                } else {
                    guard let value = Float(cell), value.isFinite else {
                        throw DatasetError.csv(
                            file: path, line: row.line, column: column + 1, expected: "a finite number",
                            found: cell.isEmpty ? "an empty cell" : "\"\(cell.prefix(40))\"")
                    }
                    features.append(value)
                }
            }
        }
        let (labels, classCount, classNames) = classes(from: labelTexts)
        let tensor = try Tensor(shape: [labelTexts.count, columnCount - 1], storage: features)
        let name = path.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? path
        return try Dataset(name: name, features: tensor, labels: labels, classCount: classCount, classNames: classNames)
    }

    private static func trimmed(_ cell: Substring) -> Substring {
        var cell = cell.drop(while: { $0 == " " || $0 == "\t" })
        while let last = cell.last, last == " " || last == "\t" { cell = cell.dropLast() }
        if cell.count >= 2, cell.first == "\"", cell.last == "\"" { cell = cell.dropFirst().dropLast() }
        return cell
    }

    private static func resolveLabelColumn(
        _ labelColumn: String?, hasHeader: Bool, first: (line: Int, cells: [Substring]), path: String
    ) throws -> Int {
        guard let labelColumn else { return first.cells.count - 1 }
        if hasHeader {
            guard let index = first.cells.firstIndex(where: { $0 == labelColumn }) else {
                throw DatasetError.csv(
                    file: path, line: first.line, column: 1, expected: "a header column named \"\(labelColumn)\"",
                    found: first.cells.prefix(8).joined(separator: ",") + (first.cells.count > 8 ? ",…" : ""))
            }
            return index
        }
        guard let number = Int(labelColumn), number >= 1, number <= first.cells.count else {
            throw DatasetError.csv(
                file: path, line: first.line, column: 1,
                expected: "a label column number in 1...\(first.cells.count) (the file has no header)", found: "\"\(labelColumn)\"")
        }
        return number - 1
    }

    private static func classes(from texts: [Substring]) -> (labels: [Int], classCount: Int, names: [String]?) {
        let integers = texts.compactMap { Int($0) }
        if integers.count == texts.count, let maximum = integers.max(), let minimum = integers.min(),
            minimum >= 0, maximum < maxIntegerClassId {
            return (integers, maximum + 1, nil)
        }
        var distinct = Array(Set(texts.map(String.init)))
        let numbers = distinct.compactMap { Double($0) }
        if numbers.count == distinct.count {
            distinct.sort { Double($0)! < Double($1)! }
        } else {
            distinct.sort()
        }
        let idByName = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($0.element, $0.offset) })
        return (texts.map { idByName[String($0)]! }, distinct.count, distinct)
    }
}
