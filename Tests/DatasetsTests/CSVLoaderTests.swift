import XCTest
@testable import Datasets
import Engine

final class CSVLoaderTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws { directory = try TestFiles.scratchDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testLoadsBreastCancer() throws {
        let data = try CSVLoader.load(path: TestFiles.sampleData + "/breast-cancer/breast_cancer.csv", labelColumn: "label")
        XCTAssertEqual(data.count, 569)
        XCTAssertEqual(data.featureShape, [30])
        XCTAssertEqual(data.classCount, 2)
        XCTAssertEqual(data.classCounts, [212, 357])
        XCTAssertEqual(data.features.storage.max(), 4254)
        XCTAssertEqual(data.features.storage[0], 17.99)
    }

    func testStringLabelsBecomeSortedClassNames() throws {
        let path = try TestFiles.write(
            "x,species,y\r\n1,setosa,2\r\n3,virginica,4\r\n\r\n5,setosa,6\r\n7,versicolor,8\r\n", named: "iris.csv", in: directory)
        let data = try CSVLoader.load(path: path, labelColumn: "species")
        XCTAssertEqual(data.classNames, ["setosa", "versicolor", "virginica"])
        XCTAssertEqual(data.labels, [0, 2, 0, 1])
        XCTAssertEqual(data.features.storage, [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(data.features.shape, [4, 2])
    }

    func testWithoutHeaderTheLabelColumnIsANumberAndDefaultsToTheLast() throws {
        let path = try TestFiles.write("1,2,0\n3,4,1\n", named: "plain.csv", in: directory)
        let last = try CSVLoader.load(path: path, labelColumn: nil, hasHeader: false)
        XCTAssertEqual(last.labels, [0, 1])
        XCTAssertEqual(last.features.storage, [1, 2, 3, 4])
        let first = try CSVLoader.load(path: path, labelColumn: "1", hasHeader: false)
        XCTAssertEqual(first.classNames, nil)
        XCTAssertEqual(first.labels, [1, 3])
        XCTAssertEqual(first.features.storage, [2, 0, 4, 1])
    }

    func testNonNumericCellNamesFileLineAndColumn() throws {
        let path = try TestFiles.write("a,b,label\n1,2,0\n3,oops,1\n", named: "bad.csv", in: directory)
        let error = expectDatasetError { _ = try CSVLoader.load(path: path, labelColumn: "label") }
        XCTAssertEqual(error, .csv(file: path, line: 3, column: 2, expected: "a finite number", found: "\"oops\""))
        XCTAssertEqual(error?.description, "\(path):3:2: expected a finite number, found \"oops\"")
    }

    func testMissingCellAndShortRowAreErrors() throws {
        let empty = try TestFiles.write("a,b,label\n1,,0\n", named: "empty.csv", in: directory)
        XCTAssertEqual(
            expectDatasetError { _ = try CSVLoader.load(path: empty, labelColumn: "label") },
            .csv(file: empty, line: 2, column: 2, expected: "a finite number", found: "an empty cell"))
        let short = try TestFiles.write("a,b,label\n1,2,0\n1,2\n", named: "short.csv", in: directory)
        let error = expectDatasetError { _ = try CSVLoader.load(path: short, labelColumn: "label") }
        guard case .csv(_, 3, 3, _, "2")? = error else { return XCTFail("\(String(describing: error))") }
        let nan = try TestFiles.write("a,label\nnan,0\n", named: "nan.csv", in: directory)
        guard case .csv(_, 2, 1, "a finite number", _)? = expectDatasetError({
            _ = try CSVLoader.load(path: nan, labelColumn: "label")
        }) else { return XCTFail("NaN accepted") }
    }

    func testUnknownLabelColumnAndMissingFile() throws {
        let path = try TestFiles.write("a,b\n1,2\n", named: "nolabel.csv", in: directory)
        let error = expectDatasetError { _ = try CSVLoader.load(path: path, labelColumn: "label") }
        XCTAssertTrue(error?.description.contains("\"label\"") ?? false)
        XCTAssertEqual(
            expectDatasetError { _ = try CSVLoader.load(path: directory + "/absent.csv", labelColumn: nil) },
            .unreadable(file: directory + "/absent.csv", reason: "no such file"))
    }
}
