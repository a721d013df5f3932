/// How `RunWriter` packs a batch of events into records: scalars that share a step and wall time
/// share one Event (fewer, denser records: 16 bytes of framing and the header fields once per
/// step instead of once per tag); histograms, text and restarts get one record each.
enum RecordGrouping {
    enum Kind {
        case scalars, histogram, text, sessionStart
    }

    /// One record to be, in the order the records are written.
    struct Record {
        var kind: Kind
        var step: Int
        var wallTime: Double
        var values: [(tag: String, value: Value)]
        /// Whether the writer should fsync right after this record (commands, the run's end, restarts).
        var needsSync: Bool

        var eventCount: Int { max(1, values.count) }

        func encode() -> [UInt8] {
            kind == .sessionStart
                ? EventEncoder.sessionStartRecord(step: step, wallTime: wallTime)
                : EventEncoder.summaryRecord(step: step, wallTime: wallTime, values: values)
        }
    }

    private struct ScalarKey: Hashable {
        var step: Int
        var wallTimeBits: UInt64
    }

    /// The records for a batch. A record sits where the first of its events was in the batch.
    static func records(for events: [Event]) -> [Record] {
        var records: [Record] = []
        var scalarRecordIndex: [ScalarKey: Int] = [:]
        for event in events {
            switch event.value {
            case .scalar:
                let key = ScalarKey(step: event.step, wallTimeBits: event.wallTime.bitPattern)
                if let index = scalarRecordIndex[key] {
                    records[index].values.append((event.tag, event.value))
                } else {
                    scalarRecordIndex[key] = records.count
                    records.append(Record(kind: .scalars, step: event.step, wallTime: event.wallTime, values: [(event.tag, event.value)], needsSync: false))
                }
            case .histogram:
                records.append(Record(kind: .histogram, step: event.step, wallTime: event.wallTime, values: [(event.tag, event.value)], needsSync: false))
            case .text:
                let urgent = event.tag == Tag.control || event.tag == Tag.summary
                records.append(Record(kind: .text, step: event.step, wallTime: event.wallTime, values: [(event.tag, event.value)], needsSync: urgent))
            case .sessionStart:
                records.append(Record(kind: .sessionStart, step: event.step, wallTime: event.wallTime, values: [], needsSync: true))
            }
        }
        return records
    }
}
