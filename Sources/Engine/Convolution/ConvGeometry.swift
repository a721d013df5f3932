// Shape legend: N batch, C input channels, H×W input height×width, OC output channels,
// KH×KW kernel, OH×OW output height×width, K = C·KH·KW patch length, P = OH·OW positions.

/// The sizes of one 2-D sliding-window operation (convolution or pooling) on one image,
/// computed once per input shape so forward and backward agree on every index.
struct WindowGeometry: Equatable, Sendable {
    let channels: Int
    let inputHeight: Int
    let inputWidth: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    let padding: Int
    let outputHeight: Int
    let outputWidth: Int

    /// Output positions per channel (`P`).
    var positions: Int { outputHeight * outputWidth }
    /// Length of one unrolled patch (`K`).
    var patchLength: Int { channels * kernelHeight * kernelWidth }
    /// Elements of one input image (`C·H·W`).
    var inputImageCount: Int { channels * inputHeight * inputWidth }

    /// Validates an NCHW input against the window and works out the output size; the
    /// error names the layer and both shapes, so a wrong model definition is obvious.
    init(layer: String, input shape: [Int], channels expectedChannels: Int?, kernel: Int, stride: Int,
         padding: Int) throws {
        guard shape.count == 4 else {
            throw EngineError.shapeMismatch(
                context: layer, detail: "expected an NCHW input [N, C, H, W], got \(shape)")
        }
        if let expectedChannels, shape[1] != expectedChannels {
            throw EngineError.shapeMismatch(
                context: layer, detail: "expected \(expectedChannels) input channels, got input \(shape)")
        }
        let height = shape[2] + 2 * padding
        let width = shape[3] + 2 * padding
        guard height >= kernel, width >= kernel, shape[2] > 0, shape[3] > 0 else {
            throw EngineError.shapeMismatch(
                context: layer,
                detail: "input \(shape) with padding \(padding) is smaller than the \(kernel)×\(kernel) window")
        }
        self.channels = shape[1]
        self.inputHeight = shape[2]
        self.inputWidth = shape[3]
        self.kernelHeight = kernel
        self.kernelWidth = kernel
        self.stride = stride
        self.padding = padding
        self.outputHeight = (height - kernel) / stride + 1
        self.outputWidth = (width - kernel) / stride + 1
    }
}

/// Throws unless `value` is at least `minimum`: hyperparameters are checked at construction.
func requireAtLeast(_ minimum: Int, _ value: Int, name: String, layer: String) throws {
    guard value >= minimum else {
        throw EngineError.invalidHyperparameter(context: layer, name: name, value: "\(value)", allowed: "≥ \(minimum)")
    }
}
