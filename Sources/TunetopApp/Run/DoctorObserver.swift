import Diagnosis
import Telemetry
import Training

/// Lets the doctor read the live stream on the trainer thread; its advice is recorded in
/// the run file and shown in the dashboard like any other event, so a replay shows the
/// same advice at the same step.
final class DoctorObserver: EventObserver {
    private var doctor = Doctor()

    func observe(_ events: [Event]) -> [Event] {
        doctor.observe(events)
    }
}
