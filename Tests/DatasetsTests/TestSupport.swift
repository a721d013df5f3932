import Foundation
import XCTest
@testable import Datasets
import Engine

/// Paths and scratch files shared by the dataset tests.
enum TestFiles {
    /// The repository's `sample-data/` folder, found from this source file.
    static var sampleData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-data").path
    }

    /// A fresh directory under the system temporary folder, removed by the caller's teardown.
    static func scratchDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tunetop-datasets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `text` to `name` inside `directory` and returns the path.
    static func write(_ text: String, named name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes raw bytes and returns the path.
    static func write(_ bytes: [UInt8], named name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Runs `body`, expecting a `DatasetError`, and returns it for inspection.
func expectDatasetError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> DatasetError? {
    do {
        try body()
        XCTFail("expected a DatasetError, nothing was thrown", file: file, line: line)
    } catch let error as DatasetError {
        return error
    } catch {
        XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
    }
    return nil
}

/// A small dataset whose feature row i is `[i, 10 i]`, labels from the given list.
func tinyDataset(labels: [Int], classCount: Int) throws -> Dataset {
    let storage = labels.indices.flatMap { [Float($0), Float($0 * 10)] }
    return try Dataset(
        name: "tiny", features: try Tensor(shape: [labels.count, 2], storage: storage), labels: labels,
        classCount: classCount)
}
