import XCTest
@testable import Engine

final class Conv2DTests: XCTestCase {
    /// The definition of convolution, loop by loop, in Double.
    private func naiveConvolution(_ x: Tensor, _ layer: Conv2D) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let k = layer.kernelSize, s = layer.stride, p = layer.paddingAmount, oc = layer.outChannels
        let oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1
        var y = Tensor(shape: [n, oc, oh, ow])
        for b in 0..<n {
            for o in 0..<oc {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var sum = Double(layer.bias?.value.storage[o] ?? 0)
                        for ci in 0..<c {
                            for ky in 0..<k {
                                for kx in 0..<k {
                                    let iy = oy * s - p + ky, ix = ox * s - p + kx
                                    guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                                    sum += Double(x.storage[((b * c + ci) * h + iy) * w + ix])
                                        * Double(layer.weight.value.storage[((o * c + ci) * k + ky) * k + kx])
                                }
                            }
                        }
                        y.storage[((b * oc + o) * oh + oy) * ow + ox] = Float(sum)
                    }
                }
            }
        }
        return y
    }

    func testMatchesNaiveConvolutionOnRandomInputs() throws {
        let cases: [(c: Int, oc: Int, k: Int, s: Int, pad: Conv2D.Padding, h: Int, w: Int)] = [
            (1, 16, 3, 1, .same, 28, 28), (3, 5, 3, 2, .explicit(1), 9, 7), (4, 6, 1, 1, .valid, 5, 6),
            (2, 3, 5, 3, .explicit(2), 11, 13), (3, 17, 2, 2, .valid, 8, 8), (16, 32, 3, 1, .same, 14, 14),
            (2, 2, 3, 1, .explicit(4), 3, 2), (2, 3, 5, 1, .same, 9, 7), (1, 2, 7, 1, .same, 3, 2),
        ]
        for (index, item) in cases.enumerated() {
            var rng = SeededRNG(seed: UInt64(index))
            let layer = try Conv2D(
                name: "conv", inChannels: item.c, outChannels: item.oc, kernelSize: item.k, stride: item.s,
                padding: item.pad, bias: true, rng: &rng)
            layer.bias!.value = CNNGradientCheck.randomTensor([item.oc], seed: 7)
            let x = CNNGradientCheck.randomTensor([3, item.c, item.h, item.w], seed: UInt64(100 + index))
            let expected = naiveConvolution(x, layer)
            for training in [true, false] {
                let y = try layer.forward(x, training: training)
                XCTAssertEqual(y.shape, expected.shape, "case \(index)")
                let worst = zip(y.storage, expected.storage).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(worst, 1e-4, "case \(index) \(item): max difference \(worst)")
            }
        }
    }

    func testSamePaddingKeepsSizeAndStrideTwoHalvesIt() throws {
        var rng = SeededRNG(seed: 1)
        let same = try Conv2D(name: "c", inChannels: 2, outChannels: 4, kernelSize: 5, padding: .same, rng: &rng)
        XCTAssertEqual(try same.forward(Tensor(shape: [1, 2, 9, 7]), training: false).shape, [1, 4, 9, 7])
        let strided = try Conv2D(
            name: "c", inChannels: 2, outChannels: 4, kernelSize: 3, stride: 2, padding: .same, rng: &rng)
        XCTAssertEqual(try strided.forward(Tensor(shape: [1, 2, 9, 8]), training: false).shape, [1, 4, 5, 4])
    }

    func testGradientsStrideOneSamePadding() throws {
        var rng = SeededRNG(seed: 2)
        let layer = try Conv2D(name: "c", inChannels: 3, outChannels: 4, kernelSize: 3, padding: .same, rng: &rng)
        layer.bias!.value = CNNGradientCheck.randomTensor([4], seed: 3)
        try CNNGradientCheck.check(layer, input: CNNGradientCheck.randomTensor([2, 3, 6, 5], seed: 4))
    }

    func testGradientsSamePaddingWiderThanTheImage() throws {
        var rng = SeededRNG(seed: 15)
        let layer = try Conv2D(name: "c", inChannels: 2, outChannels: 3, kernelSize: 5, padding: .same, rng: &rng)
        try CNNGradientCheck.check(layer, input: CNNGradientCheck.randomTensor([2, 2, 4, 2], seed: 16))
    }

    /// col2im is im2col's adjoint: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for every geometry, on both
    /// the shifted-plane path (stride 1, same size) and the row-by-row path.
    func testCol2imIsTheAdjointOfIm2col() throws {
        let geometries: [(c: Int, h: Int, w: Int, k: Int, s: Int, pad: Int)] = [
            (2, 6, 5, 3, 1, 1), (1, 3, 2, 7, 1, 3), (3, 5, 5, 1, 1, 0), (2, 7, 6, 3, 2, 1), (2, 5, 4, 2, 1, 0),
            (3, 9, 8, 3, 1, 1), (2, 14, 14, 5, 1, 2),
        ]
        for (index, item) in geometries.enumerated() {
            let g = try WindowGeometry(
                layer: "c", input: [1, item.c, item.h, item.w], channels: item.c, kernel: item.k, stride: item.s,
                padding: item.pad)
            let x = CNNGradientCheck.randomTensor([g.inputImageCount], seed: UInt64(20 + index)).storage
            let c = CNNGradientCheck.randomTensor([g.patchLength * g.positions], seed: UInt64(40 + index)).storage
            // col2im's layout: rows `gradientRowStride` apart; whatever is in the margins is ignored.
            var padded = [Float](repeating: .nan, count: g.patchLength * g.gradientRowStride)
            for row in 0..<g.patchLength {
                for position in 0..<g.positions {
                    padded[row * g.gradientRowStride + g.gradientRowMargin + position] = c[row * g.positions + position]
                }
            }
            var columns = [Float](repeating: .nan, count: c.count)
            var back = [Float](repeating: 0, count: x.count)
            let transform = ColumnTransform(g)
            columns.withUnsafeMutableBufferPointer { transform.im2col(x, into: $0.baseAddress!) }
            let lhs = zip(columns, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            padded.withUnsafeMutableBufferPointer { cp in
                back.withUnsafeMutableBufferPointer { transform.col2im(cp.baseAddress!, addingInto: $0.baseAddress!) }
            }
            let rhs = zip(x, back).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            XCTAssertEqual(lhs, rhs, accuracy: 1e-4 * max(1, abs(lhs)), "geometry \(index) \(item)")
        }
    }

    /// An infinite pixel reaches exactly the outputs whose window covers it: the shifted-plane
    /// im2col must not carry it into the column a shift wraps onto the next image row.
    func testAnInfinitePixelReachesOnlyTheWindowsThatCoverIt() throws {
        var rng = SeededRNG(seed: 17)
        let layer = try Conv2D(name: "c", inChannels: 1, outChannels: 2, kernelSize: 3, padding: .same, rng: &rng)
        let (h, w) = (6, 7)
        for (py, px) in [(2, w - 1), (3, 0), (0, 3), (h - 1, w - 1)] {
            var x = CNNGradientCheck.randomTensor([1, 1, h, w], seed: 18)
            x.storage[py * w + px] = .infinity
            let y = try layer.forward(x, training: false)
            for o in 0..<2 {
                for oy in 0..<h {
                    for ox in 0..<w {
                        let covers = abs(oy - py) <= 1 && abs(ox - px) <= 1
                        let value = y.storage[(o * h + oy) * w + ox]
                        XCTAssertEqual(value.isFinite, !covers, "pixel (\(py), \(px)), output \(o) (\(oy), \(ox)): \(value)")
                    }
                }
            }
        }
    }

    func testGradientsStrideTwoExplicitPadding() throws {
        var rng = SeededRNG(seed: 5)
        let layer = try Conv2D(
            name: "c", inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2, padding: .explicit(1), rng: &rng)
        try CNNGradientCheck.check(layer, input: CNNGradientCheck.randomTensor([2, 2, 7, 6], seed: 6))
    }

    func testGradientsOneByOneWithoutBias() throws {
        var rng = SeededRNG(seed: 7)
        let layer = try Conv2D(name: "c", inChannels: 5, outChannels: 3, kernelSize: 1, bias: false, rng: &rng)
        XCTAssertEqual(layer.parameters.count, 1)
        try CNNGradientCheck.check(layer, input: CNNGradientCheck.randomTensor([3, 5, 4, 3], seed: 8))
    }

    func testGradientsValidPaddingWithoutBias() throws {
        var rng = SeededRNG(seed: 9)
        let layer = try Conv2D(
            name: "c", inChannels: 2, outChannels: 2, kernelSize: 2, stride: 1, padding: .valid, bias: false,
            rng: &rng)
        try CNNGradientCheck.check(layer, input: CNNGradientCheck.randomTensor([2, 2, 5, 4], seed: 10))
    }

    func testGradientsAccumulateAcrossBackwardCalls() throws {
        var rng = SeededRNG(seed: 11)
        let layer = try Conv2D(name: "c", inChannels: 1, outChannels: 2, kernelSize: 3, padding: .same, rng: &rng)
        let x = CNNGradientCheck.randomTensor([2, 1, 4, 4], seed: 12)
        let dy = CNNGradientCheck.randomTensor([2, 2, 4, 4], seed: 13)
        _ = try layer.forward(x, training: true)
        _ = try layer.backward(dy)
        let once = layer.weight.gradient
        _ = try layer.backward(dy)
        for (twice, single) in zip(layer.weight.gradient.storage, once.storage) {
            XCTAssertEqual(twice, 2 * single, accuracy: 1e-5)
        }
    }

    func testTwoThreadsGiveTheSameResultAsOne() throws {
        var rng = SeededRNG(seed: 14)
        let layer = try Conv2D(name: "c", inChannels: 3, outChannels: 8, kernelSize: 3, padding: .same, rng: &rng)
        let x = CNNGradientCheck.randomTensor([5, 3, 10, 10], seed: 15)
        let dy = CNNGradientCheck.randomTensor([5, 8, 10, 10], seed: 16)
        func run(threads: Int) throws -> (Tensor, Tensor, Tensor) {
            let saved = GEMM.threadCount
            GEMM.threadCount = threads
            defer { GEMM.threadCount = saved }
            layer.weight.gradient = Tensor(shape: layer.weight.value.shape)
            let y = try layer.forward(x, training: true)
            let dx = try layer.backward(dy)
            return (y, dx, layer.weight.gradient)
        }
        let single = try run(threads: 1)
        let double = try run(threads: 2)
        XCTAssertEqual(single.0, double.0)
        XCTAssertEqual(single.1, double.1)
        for (a, b) in zip(single.2.storage, double.2.storage) { XCTAssertEqual(a, b, accuracy: 1e-4) }
    }

    func testFirstLayerSkipsInputGradientButKeepsParameterGradients() throws {
        var rng = SeededRNG(seed: 17)
        let layer = try Conv2D(name: "c", inChannels: 1, outChannels: 4, kernelSize: 3, padding: .same, rng: &rng)
        let x = CNNGradientCheck.randomTensor([3, 1, 6, 6], seed: 18)
        let dy = CNNGradientCheck.randomTensor([3, 4, 6, 6], seed: 19)
        _ = try layer.forward(x, training: true)
        _ = try layer.backward(dy)
        let full = (layer.weight.gradient, layer.bias!.gradient)
        layer.weight.gradient = Tensor(shape: layer.weight.value.shape)
        layer.bias!.gradient = Tensor(shape: [4])
        try layer.accumulateParameterGradients(dy)
        XCTAssertEqual(layer.weight.gradient, full.0)
        XCTAssertEqual(layer.bias!.gradient, full.1)
    }

    func testWeightInitializerUsesConvolutionFans() throws {
        var rng = SeededRNG(seed: 20)
        let layer = try Conv2D(
            name: "c", inChannels: 8, outChannels: 64, kernelSize: 3, weightInit: .heUniform, rng: &rng)
        let limit = (6 / Float(8 * 9)).squareRoot()
        let largest = layer.weight.value.storage.map(abs).max() ?? 0
        XCTAssertLessThanOrEqual(largest, limit)
        XCTAssertGreaterThan(largest, 0.9 * limit)
        XCTAssertThrowsError(
            try Conv2D(name: "c", inChannels: 1, outChannels: 1, kernelSize: 3, weightInit: .normal(mean: 0, std: -1), rng: &rng))
    }

    func testParametersAreNamedByLayer() throws {
        var rng = SeededRNG(seed: 1)
        let layer = try Conv2D(name: "conv1", inChannels: 1, outChannels: 2, kernelSize: 3, rng: &rng)
        XCTAssertEqual(layer.parameters.map(\.name), ["conv1.weight", "conv1.bias"])
        layer.name = "block2.conv"
        XCTAssertEqual(layer.parameters.map(\.name), ["block2.conv.weight", "block2.conv.bias"])
        XCTAssertEqual(layer.weight.value.shape, [2, 1, 3, 3])
    }

    func testBadHyperparametersAndShapesThrowNamingTheLayer() throws {
        var rng = SeededRNG(seed: 1)
        XCTAssertThrowsError(
            try Conv2D(name: "c", inChannels: 1, outChannels: 2, kernelSize: 4, padding: .same, rng: &rng))
        XCTAssertThrowsError(try Conv2D(name: "c", inChannels: 0, outChannels: 2, kernelSize: 3, rng: &rng))
        XCTAssertThrowsError(try Conv2D(name: "c", inChannels: 1, outChannels: 2, kernelSize: 3, stride: 0, rng: &rng))
        XCTAssertThrowsError(
            try Conv2D(name: "c", inChannels: 1, outChannels: 2, kernelSize: 3, padding: .explicit(-1), rng: &rng))
        let layer = try Conv2D(name: "conv7", inChannels: 3, outChannels: 2, kernelSize: 3, rng: &rng)
        XCTAssertThrowsError(try layer.forward(Tensor(shape: [1, 2, 5, 5]), training: true)) { error in
            XCTAssertTrue("\(error)".contains("conv7"), "\(error)")
            XCTAssertTrue("\(error)".contains("[1, 2, 5, 5]"), "\(error)")
        }
        XCTAssertThrowsError(try layer.forward(Tensor(shape: [1, 3, 2, 5]), training: true))
        XCTAssertThrowsError(try layer.forward(Tensor(shape: [3, 5, 5]), training: true))
        XCTAssertThrowsError(try layer.backward(Tensor(shape: [1, 2, 3, 3])))
        _ = try layer.forward(Tensor(shape: [1, 3, 5, 5]), training: true)
        XCTAssertThrowsError(try layer.backward(Tensor(shape: [1, 2, 4, 3])))
    }
}
