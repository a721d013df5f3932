/// Where the trainer is, for a dashboard header or a test: read from any thread.
public struct TrainerStatus: Sendable, Equatable {
    /// Whether the loop runs, waits for a resume, or has ended.
    public enum State: String, Sendable, Equatable {
        case notStarted = "not_started"
        case running
        case paused
        case stopping
        case finished
    }

    /// Steps completed (the global step of the next step to run).
    public var step: Int
    /// The epoch in progress, 1-based (0 before the first).
    public var epoch: Int
    /// The learning rate of the next step.
    public var learningRate: Float
    /// The loop's state.
    public var state: State

    /// Creates a status.
    public init(step: Int, epoch: Int, learningRate: Float, state: State) {
        self.step = step
        self.epoch = epoch
        self.learningRate = learningRate
        self.state = state
    }
}
