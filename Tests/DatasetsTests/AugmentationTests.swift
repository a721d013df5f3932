import Foundation
import XCTest
@testable import Datasets
import Engine

final class AugmentationTests: XCTestCase {
    /// 4 single-channel 5×5 images with distinct pixel values.
    private func images(count: Int = 4, channels: Int = 1) throws -> Tensor {
        try Tensor(shape: [count, channels, 5, 5], storage: (0..<(count * channels * 25)).map { Float($0 + 1) })
    }

    /// The `[H, W]` plane of image `n` translated by (dx, dy), flipped first if asked, zero-filled.
    private func moved(_ source: Tensor, image n: Int, dx: Int, dy: Int, flip: Bool) -> [Float] {
        (0..<25).map { position in
            let (y, x) = (position / 5 - dy, position % 5 - dx)
            guard (0..<5).contains(y), (0..<5).contains(x) else { return 0 }
            return source.storage[n * 25 + y * 5 + (flip ? 4 - x : x)]
        }
    }

    func testDefaultsAreIdentityAndNeverFlip() throws {
        let none = Augmentation()
        XCTAssertTrue(none.isIdentity)
        XCTAssertFalse(none.horizontalFlip)
        var batch = try images()
        var rng = SeededRNG(seed: 1)
        try none.apply(to: &batch, rng: &rng)
        XCTAssertEqual(batch, try images())
        XCTAssertEqual(rng, SeededRNG(seed: 1), "an identity augmentation draws nothing")
    }

    func testSameSeedSameOutputOtherSeedOtherOutput() throws {
        let augmentation = Augmentation(horizontalFlip: true, cropPadding: 1, maxShift: 1, maxRotationDegrees: 10, noiseStd: 0.1)
        func run(_ seed: UInt64) throws -> Tensor {
            var batch = try images(count: 8)
            var rng = SeededRNG(seed: seed)
            try augmentation.apply(to: &batch, rng: &rng)
            return batch
        }
        XCTAssertEqual(try run(5), try run(5))
        XCTAssertNotEqual(try run(5), try run(6))
        XCTAssertEqual(try run(5).shape, [8, 1, 5, 5])
    }

    func testFlipMirrorsSomeImagesAndLeavesTheOthers() throws {
        let source = try images(count: 16)
        var batch = source
        var rng = SeededRNG(seed: 9)
        try Augmentation(horizontalFlip: true).apply(to: &batch, rng: &rng)
        var flipped = 0
        for n in 0..<16 {
            let got = Array(batch.storage[(n * 25)..<((n + 1) * 25)])
            if got == moved(source, image: n, dx: 0, dy: 0, flip: true) {
                flipped += 1
            } else {
                XCTAssertEqual(got, moved(source, image: n, dx: 0, dy: 0, flip: false), "image \(n)")
            }
        }
        XCTAssertGreaterThan(flipped, 2)
        XCTAssertLessThan(flipped, 14)
    }

    func testCropAndShiftAreBoundedTranslationsKeepingShape() throws {
        let source = try images(count: 12, channels: 2)
        var batch = source
        var rng = SeededRNG(seed: 4)
        try Augmentation(cropPadding: 1, maxShift: 1).apply(to: &batch, rng: &rng)
        XCTAssertEqual(batch.shape, source.shape)
        var moves = Set<[Int]>()
        for n in 0..<12 {
            for channel in 0..<2 {
                let plane = n * 2 + channel
                let got = Array(batch.storage[(plane * 25)..<((plane + 1) * 25)])
                let match = (-2...2).flatMap { dy in (-2...2).map { [$0, dy] } }
                    .first { got == moved(source, image: plane, dx: $0[0], dy: $0[1], flip: false) }
                XCTAssertNotNil(match, "image \(n) channel \(channel) is not a translation by at most 2 pixels")
                if let match { moves.insert(match) }
            }
        }
        XCTAssertGreaterThan(moves.count, 3, "offsets vary between images")
    }

    func testRotationKeepsShapeAndAConstantCentre() throws {
        var batch = try Tensor(shape: [3, 1, 5, 5], repeating: 2)
        var rng = SeededRNG(seed: 2)
        try Augmentation(maxRotationDegrees: 15).apply(to: &batch, rng: &rng)
        XCTAssertEqual(batch.shape, [3, 1, 5, 5])
        for n in 0..<3 { XCTAssertEqual(batch.storage[n * 25 + 12], 2, accuracy: 1e-5) }
        XCTAssertTrue(batch.storage.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 2.0001 })
    }

    func testNoiseOnFlatBatchesHasTheRequestedSpread() throws {
        var batch = Tensor(shape: [100, 200])
        var rng = SeededRNG(seed: 11)
        try Augmentation(noiseStd: 0.5).apply(to: &batch, rng: &rng)
        let values = batch.storage.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(std, 0.5, accuracy: 0.01)
    }

    func testBadSettingsAndFlatGeometryAreErrors() throws {
        var flat = Tensor(shape: [2, 4])
        var rng = SeededRNG(seed: 0)
        XCTAssertNotNil(expectDatasetError { try Augmentation(maxShift: 1).apply(to: &flat, rng: &rng) })
        var batch = try images()
        XCTAssertNotNil(expectDatasetError { try Augmentation(cropPadding: -1).apply(to: &batch, rng: &rng) })
        XCTAssertNotNil(expectDatasetError { try Augmentation(noiseStd: .nan).apply(to: &batch, rng: &rng) })
    }

    func testDecodingTakesDefaultsForMissingKeys() throws {
        let decoded = try JSONDecoder().decode(Augmentation.self, from: Data(#"{"maxShift": 2}"#.utf8))
        XCTAssertEqual(decoded, Augmentation(maxShift: 2))
        let full = Augmentation(horizontalFlip: true, cropPadding: 4, maxShift: 1, maxRotationDegrees: 5, noiseStd: 0.2)
        XCTAssertEqual(try JSONDecoder().decode(Augmentation.self, from: JSONEncoder().encode(full)), full)
    }
}
