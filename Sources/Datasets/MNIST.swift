import Foundation

import Engine

/// Which half of an MNIST-format dataset to load.
public enum MNISTSplit: String, Sendable, Codable, CaseIterable {
    case train, test

    /// The file-name prefix the original distribution uses.
    var filePrefix: String { self == .train ? "train" : "t10k" }
}

/// MNIST and every dataset shipped in its file layout (Fashion-MNIST, KMNIST, EMNIST
/// subsets): `{train,t10k}-{images-idx3,labels-idx1}-ubyte`, each `.gz` or plain.
public enum MNIST {
    /// Fashion-MNIST's class names, for callers that know the directory holds it.
    public static let fashionClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// Loads one split with pixels scaled to [0, 1], as `[N, 1, H, W]` images or `[N, H·W]`
    /// rows. `limit` keeps the first examples and decompresses only those; the headers'
    /// counts are still checked against each other.
    public static func load(directory: String, split: MNISTSplit, limit: Int? = nil, asImages: Bool = true) throws -> Dataset {
        let imagesPath = try locate(directory: directory, stem: "\(split.filePrefix)-images-idx3-ubyte")
        let labelsPath = try locate(directory: directory, stem: "\(split.filePrefix)-labels-idx1-ubyte")
        let images = try IDX.read(path: imagesPath, limit: limit)
        let labels = try IDX.read(path: labelsPath, limit: limit)
        guard images.elementType == .unsignedByte, images.dimensions.count == 3 else {
            throw DatasetError.malformed(
                file: imagesPath, offset: 2, expected: "magic 2051 (unsigned bytes, 3 dimensions)", found: "\(images.magic)")
        }
        guard labels.elementType == .unsignedByte, labels.dimensions.count == 1 else {
            throw DatasetError.malformed(
                file: labelsPath, offset: 2, expected: "magic 2049 (unsigned bytes, 1 dimension)", found: "\(labels.magic)")
        }
        guard images.declaredCount == labels.declaredCount else {
            throw DatasetError.malformed(
                file: labelsPath, offset: 4, expected: "\(images.declaredCount) labels, one per image of \(imagesPath)",
                found: "\(labels.declaredCount)")
        }
        var classIds = [Int](repeating: 0, count: labels.payload.count)
        for (index, byte) in labels.payload.enumerated() {
            guard byte < 10 else {
                throw DatasetError.malformed(file: labelsPath, offset: 8 + index, expected: "a class label 0…9", found: "\(byte)")
            }
            classIds[index] = Int(byte)
        }
        let (count, height, width) = (images.dimensions[0], images.dimensions[1], images.dimensions[2])
        var pixels = [Float](repeating: 0, count: images.payload.count)
        images.payload.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { destination in
                for index in source.indices { destination[index] = Float(source[index]) / 255 }
            }
        }
        let shape = asImages ? [count, 1, height, width] : [count, height * width]
        let name = directory.split(separator: "/").last.map(String.init) ?? "mnist"
        return try Dataset(
            name: "\(name)/\(split.rawValue)", features: try Tensor(shape: shape, storage: pixels), labels: classIds,
            classCount: 10)
    }

    /// `stem.gz` if present, else `stem`; else an error listing both.
    private static func locate(directory: String, stem: String) throws -> String {
        let base = directory.hasSuffix("/") ? directory + stem : directory + "/" + stem
        for candidate in [base + ".gz", base] where FileManager.default.fileExists(atPath: candidate) {
            return candidate
        }
        throw DatasetError.unreadable(file: base + ".gz", reason: "no such file (nor \(stem) uncompressed)")
    }
}
