import Engine

/// Random, label-preserving changes applied to each training batch on the fly, seeded so a
/// run replays exactly. Shape legend: `N` images, `C` channels, `H`×`W` pixels.
///
/// Per image, in this order: a horizontal flip (probability ½), one translation combining
/// the crop-with-padding offset and the shift (each uniform in `-p…p`, pixels that enter
/// from outside are 0 — the mean after standardization), a rotation about the centre
/// (uniform in `±maxRotationDegrees`, bilinear), then Gaussian noise on every element.
/// Translation and rotation are one resampling pass, so content shifted out by the crop is
/// not lost before the shift brings it back.
public struct Augmentation: Codable, Sendable, Equatable {
    /// Mirror left–right. Off by default: a flipped 2, 3 or 7 is not a digit.
    public var horizontalFlip: Bool
    /// Random crop of the image zero-padded by this many pixels per side (a shift of ±p).
    public var cropPadding: Int
    /// Random shift of up to this many pixels in x and in y.
    public var maxShift: Int
    /// Random rotation of up to this many degrees either way.
    public var maxRotationDegrees: Float
    /// Standard deviation of additive Gaussian noise (also for flat `[N, F]` batches).
    public var noiseStd: Float

    /// An augmentation; every argument defaults to "off".
    public init(
        horizontalFlip: Bool = false, cropPadding: Int = 0, maxShift: Int = 0, maxRotationDegrees: Float = 0,
        noiseStd: Float = 0
    ) {
        self.horizontalFlip = horizontalFlip
        self.cropPadding = cropPadding
        self.maxShift = maxShift
        self.maxRotationDegrees = maxRotationDegrees
        self.noiseStd = noiseStd
    }

    /// Whether `apply` leaves every batch unchanged (the trainer then skips it).
    public var isIdentity: Bool {
        !horizontalFlip && cropPadding == 0 && maxShift == 0 && maxRotationDegrees == 0 && noiseStd == 0
    }

    /// Whether an option moves pixels, which needs `[N, C, H, W]` batches.
    public var isGeometric: Bool {
        horizontalFlip || cropPadding != 0 || maxShift != 0 || maxRotationDegrees != 0
    }

    /// Throws on a negative or non-finite setting, naming it (config files are user input).
    public func validate() throws {
        func reject(_ name: String, _ value: String, _ allowed: String) throws {
            throw DatasetError.invalidArgument(context: "Augmentation", detail: "\(name) \(value) is invalid (allowed: \(allowed))")
        }
        if cropPadding < 0 { try reject("cropPadding", "\(cropPadding)", "0 or more pixels") }
        if maxShift < 0 { try reject("maxShift", "\(maxShift)", "0 or more pixels") }
        if !(maxRotationDegrees >= 0 && maxRotationDegrees <= 180) {
            try reject("maxRotationDegrees", "\(maxRotationDegrees)", "0…180")
        }
        if !(noiseStd >= 0 && noiseStd.isFinite) { try reject("noiseStd", "\(noiseStd)", "a finite value ≥ 0") }
    }

    /// Augments `batch` in place, drawing from `rng`. Geometric options need `[N, C, H, W]`;
    /// noise alone also works on flat `[N, F]` batches.
    public func apply(to batch: inout Tensor, rng: inout SeededRNG) throws {
        try validate()
        if isGeometric {
            guard batch.shape.count == 4 else {
                throw DatasetError.invalidArgument(
                    context: "Augmentation",
                    detail: "flip, crop, shift and rotation need [N, C, H, W] images, the batch has shape \(batch.shape)")
            }
            let (count, channels, height, width) = (batch.shape[0], batch.shape[1], batch.shape[2], batch.shape[3])
            let imageSize = channels * height * width
            var scratch = [Float](repeating: 0, count: imageSize)
            for image in 0..<count {
                let flip = horizontalFlip && rng.next() & 1 == 1
                let dx = uniformOffset(cropPadding, &rng) + uniformOffset(maxShift, &rng)
                let dy = uniformOffset(cropPadding, &rng) + uniformOffset(maxShift, &rng)
                let degrees = maxRotationDegrees > 0 ? (rng.nextUnitFloat() * 2 - 1) * maxRotationDegrees : 0
                guard flip || dx != 0 || dy != 0 || degrees != 0 else { continue }
                let transform = ImageTransform(
                    flip: flip, dx: dx, dy: dy, radians: degrees * .pi / 180, channels: channels, height: height, width: width)
                batch.storage.withUnsafeMutableBufferPointer { storage in
                    let imageBuffer = UnsafeMutableBufferPointer(rebasing: storage[(image * imageSize)..<((image + 1) * imageSize)])
                    transform.apply(to: imageBuffer, scratch: &scratch)
                }
            }
        }
        if noiseStd > 0 {
            let std = noiseStd
            batch.storage.withUnsafeMutableBufferPointer { storage in
                for index in storage.indices { storage[index] += std * rng.nextNormal() }
            }
        }
    }

    /// A uniform integer in `-limit…limit`; draws nothing when the option is off, so turning
    /// one option on does not change another option's random stream.
    private func uniformOffset(_ limit: Int, _ rng: inout SeededRNG) -> Int {
        limit > 0 ? RandomIndex.below(2 * limit + 1, using: &rng) - limit : 0
    }

    private enum CodingKeys: String, CodingKey {
        case horizontalFlip, cropPadding, maxShift, maxRotationDegrees, noiseStd
    }

    /// Missing keys take their defaults, so a config file names only what it turns on.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            horizontalFlip: try container.decodeIfPresent(Bool.self, forKey: .horizontalFlip) ?? false,
            cropPadding: try container.decodeIfPresent(Int.self, forKey: .cropPadding) ?? 0,
            maxShift: try container.decodeIfPresent(Int.self, forKey: .maxShift) ?? 0,
            maxRotationDegrees: try container.decodeIfPresent(Float.self, forKey: .maxRotationDegrees) ?? 0,
            noiseStd: try container.decodeIfPresent(Float.self, forKey: .noiseStd) ?? 0)
    }
}
