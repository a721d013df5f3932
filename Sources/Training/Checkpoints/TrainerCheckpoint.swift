import Engine
import Foundation

/// Where the run was when it was checkpointed: enough, with `ModelState`, to continue the
/// run bit for bit (same batches, same masks, same rates, same callback counters).
struct RunProgress: Codable, Equatable {
    /// Steps completed.
    var step: Int
    /// Epoch in progress, 0-based.
    var epoch: Int
    /// Batches of `epoch` already done.
    var batchInEpoch: Int
    /// The seed of the epoch order.
    var seed: UInt64
    var learningRate: LearningRateState
    var plateau: PlateauTracker?
    var earlyStopping: EarlyStoppingTracker?
    var best: BestEvaluation?
    /// The trainer's own stream (augmentation).
    var rng: SeededRNG
    var knobs: RegularizationKnobs
}

/// The best evaluation so far (lowest val loss).
public struct BestEvaluation: Codable, Equatable, Sendable {
    /// Steps completed at that evaluation.
    public var step: Int
    /// Its validation loss.
    public var valLoss: Double
    /// Its validation accuracy.
    public var valAccuracy: Double
}

/// The regularization settings a user can change mid-run; a resumed run keeps them.
struct RegularizationKnobs: Codable, Equatable {
    var weightDecay: Float
    var clipGlobalNorm: Float?
    var labelSmoothing: Float?
    var dropoutRates: [String: Float]
}

/// A checkpoint: model state plus run progress, in `CheckpointFile`'s format.
struct TrainerCheckpoint {
    var model: ModelState
    var progress: RunProgress

    private struct Meta: Codable {
        var kind = "tunetop.trainer"
        var progress: RunProgress
        /// The optimizer's state without its slots (those are tensors).
        var optimizer: OptimizerState
        var dropoutRNGs: [String: SeededRNG]
    }

    private static let parameterPrefix = "param/"
    private static let bufferPrefix = "buffer/"
    private static let slotPrefix = "optimizer/"

    /// The file's bytes.
    func encoded() throws -> Data {
        var tensors: [(name: String, tensor: Tensor)] = []
        for name in model.parameters.keys.sorted() { tensors.append((Self.parameterPrefix + name, model.parameters[name]!)) }
        for name in model.buffers.keys.sorted() { tensors.append((Self.bufferPrefix + name, model.buffers[name]!)) }
        var optimizer = model.optimizer
        for parameter in optimizer.slots.keys.sorted() {
            let slots = optimizer.slots[parameter]!
            for slot in slots.keys.sorted() {
                let values = slots[slot]!
                tensors.append((Self.slotPrefix + parameter + "/" + slot, try Tensor(shape: [values.count], storage: values)))
            }
        }
        optimizer.slots = [:]
        let meta = Meta(progress: progress, optimizer: optimizer, dropoutRNGs: model.dropoutRNGs)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let metaText = String(decoding: try encoder.encode(meta), as: UTF8.self)
        return try CheckpointFile.encode(meta: metaText, tensors: tensors)
    }

    /// Parses a checkpoint file's bytes.
    static func decode(_ data: Data, path: String) throws -> TrainerCheckpoint {
        let (metaText, tensors) = try CheckpointFile.decode(data, path: path)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let meta: Meta
        do {
            meta = try decoder.decode(Meta.self, from: Data(metaText.utf8))
        } catch {
            throw TrainingError.checkpoint(path: path, detail: "not a trainer checkpoint or from another version: \(error)")
        }
        var parameters: [String: Tensor] = [:], buffers: [String: Tensor] = [:]
        var optimizer = meta.optimizer
        for (name, tensor) in tensors {
            if name.hasPrefix(parameterPrefix) {
                parameters[String(name.dropFirst(parameterPrefix.count))] = tensor
            } else if name.hasPrefix(bufferPrefix) {
                buffers[String(name.dropFirst(bufferPrefix.count))] = tensor
            } else if name.hasPrefix(slotPrefix), let slash = name.lastIndex(of: "/"), slash > name.index(name.startIndex, offsetBy: slotPrefix.count) {
                let parameter = String(name[name.index(name.startIndex, offsetBy: slotPrefix.count)..<slash])
                let slot = String(name[name.index(after: slash)...])
                optimizer.slots[parameter, default: [:]][slot] = tensor.storage
            } else {
                throw TrainingError.checkpoint(path: path, detail: "unknown tensor \(name)")
            }
        }
        let model = ModelState(parameters: parameters, buffers: buffers, optimizer: optimizer, dropoutRNGs: meta.dropoutRNGs)
        return TrainerCheckpoint(model: model, progress: meta.progress)
    }

    /// Writes atomically to `path`.
    func write(to path: String) throws {
        try CheckpointFile.writeAtomically(try encoded(), to: path)
    }

    /// Reads `path`.
    static func read(from path: String) throws -> TrainerCheckpoint {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TrainingError.checkpoint(path: path, detail: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, path: path)
    }
}
