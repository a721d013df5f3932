import Datasets
import Dispatch
import Engine
import Foundation
import Telemetry

/// Trains a model on a dedicated thread and turns what happens inside it into events.
///
/// Threads: `start` spawns the training thread, which owns the model, optimizer and loss
/// until the run ends (touch them again only after `wait`). Events go three ways: the
/// observers (on the training thread), the sink (on a delivery thread, so it never slows
/// a step) and the bounded live buffer that `drain` empties. `send`, `interrupt`, `drain`
/// and `status` are safe from any thread.
public final class Trainer: @unchecked Sendable {
    /// The step the run starts from (0, or the checkpoint's step after `restore`): the run
    /// writer's resume marker.
    public private(set) var startStep = 0

    private let session: TrainingSession
    private let delivery: EventDelivery
    private let observers: [any EventObserver]
    private let commands = CommandQueue()
    private let live: LiveBuffer
    private let wake = DispatchSemaphore(value: 0)
    private let interrupted = SharedFlag()
    private let statusBox: Shared<TrainerStatus>
    private let outcome = Shared<Result<RunSummary, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)
    private let started = SharedFlag()

    /// Checks the config against the data and model; throws naming the first problem.
    public init(
        model: Sequential, optimizer: Optimizer, loss: any Loss, train: Dataset, validation: Dataset?,
        config: TrainerConfig, sink: any EventSink, observers: [any EventObserver] = []
    ) throws {
        try config.validate()
        guard train.count > 0 else {
            throw TrainingError.invalidConfig(name: "training set size", value: "0", allowed: ">= 1 example")
        }
        if let validation, validation.featureShape != train.featureShape {
            throw TrainingError.invalidConfig(
                name: "validation feature shape", value: "\(validation.featureShape)", allowed: "\(train.featureShape) (the training set's)")
        }
        var loss = loss
        if let weights = config.classWeights {
            guard weights.count == train.classCount else {
                throw TrainingError.invalidConfig(
                    name: "classWeights", value: "\(weights.count) weights", allowed: "\(train.classCount) (one per class)")
            }
            guard let crossEntropy = loss as? SoftmaxCrossEntropy else {
                throw TrainingError.invalidConfig(name: "classWeights", value: "\(type(of: loss))", allowed: "SoftmaxCrossEntropy")
            }
            loss = try SoftmaxCrossEntropy(labelSmoothing: crossEntropy.labelSmoothing, classWeights: weights)
        }
        let live = LiveBuffer(capacity: config.liveBufferCapacity)
        let delivery = EventDelivery(sink: sink)
        let statusBox = Shared(TrainerStatus(step: 0, epoch: 0, learningRate: config.learningRate, state: .notStarted))
        let interrupted = self.interrupted
        let observers = observers
        self.live = live
        self.delivery = delivery
        self.observers = observers
        self.statusBox = statusBox
        session = TrainingSession(
            model: model, optimizer: optimizer, loss: loss, train: train, validation: validation, config: config,
            commands: commands, wake: wake,
            publish: { events in
                var all = events
                for observer in observers { all.append(contentsOf: observer.observe(events)) }
                delivery.enqueue(all)
                live.append(all)
            },
            reportStatus: { status in statusBox.value = status },
            isInterrupted: { interrupted.isSet })
        statusBox.update { $0.learningRate = self.session.currentRate }
    }

    /// Continues from a checkpoint written by a trainer of the same model and seed. Call
    /// before `start`; then open the run writer with `resumeAtStep: startStep`.
    public func restore(fromCheckpoint path: String) throws {
        guard !started.isSet else { throw TrainingError.invalidState("restore must come before start") }
        try session.restore(try TrainerCheckpoint.read(from: path), path: path)
        startStep = session.progress.step
        let status = TrainerStatus(step: startStep, epoch: session.progress.epoch + 1, learningRate: session.currentRate, state: .notStarted)
        statusBox.value = status
    }

    /// Spawns the training thread (once; later calls do nothing).
    public func start() {
        guard !started.testAndSet() else { return }
        let thread = Thread { [self] in
            let result = Result { try session.run() }
            if case .failure = result {
                statusBox.update { $0.state = .finished }
            }
            delivery.closeAndWait()
            outcome.value = result
            done.signal()
        }
        thread.name = "tunetop.trainer"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Queues a command for the next step boundary, where it is applied exactly once and
    /// echoed as `events/control` with the LR before and after.
    public func send(_ command: Command, source: CommandSource = .key, detail: String? = nil) {
        commands.send(PendingCommand(command: command, source: source, detail: detail))
        wake.signal()
    }

    /// The events since the last drain (bounded: under pressure old histograms, then old
    /// scalars, are dropped; the sink still gets everything). Never blocks the trainer.
    public func drain() -> [Event] {
        live.drain()
    }

    /// Events the live buffer dropped because nobody drained them in time.
    public var droppedLiveEvents: Int { live.droppedCount }

    /// Waits for the run to end and for the sink to have every event; rethrows the loop's error.
    public func wait() throws -> RunSummary {
        guard started.isSet else { throw TrainingError.invalidState("wait called before start") }
        done.wait()
        done.signal()
        guard let result = outcome.value else { throw TrainingError.invalidState("no outcome") }
        return try result.get()
    }

    /// `start` then `wait`.
    public func run() throws -> RunSummary {
        start()
        return try wait()
    }

    /// The SIGINT path: finish the current step, write `last.ckpt` if there is a directory,
    /// and end with `interrupted`. Safe from any thread (not from a signal handler itself:
    /// set a flag there and call this from a normal thread).
    public func interrupt() {
        interrupted.set()
        wake.signal()
    }

    /// Step, epoch, LR and state, from any thread.
    public var status: TrainerStatus {
        statusBox.value
    }
}
