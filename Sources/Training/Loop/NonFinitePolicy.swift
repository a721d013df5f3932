/// What the trainer does when a step's loss or gradients are NaN/±Inf. Either way the
/// step's update is not applied and an `events/nonfinite` event names the first layer
/// (forward or backward) that produced a non-finite value.
public enum NonFinitePolicy: String, Sendable, Equatable, Codable {
    /// End the run with `diverged` (exit status 3).
    case stop
    /// Restore the last good weights (best checkpoint, else the last checkpoint, else the
    /// initial weights), halve the LR and continue; after `maxRollbacks` in a row without a
    /// finite step in between, stop with `diverged`.
    case rollbackAndHalve = "rollback_and_halve"
}
