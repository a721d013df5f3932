/// Serializes `Event`s as TensorBoard `Event` protos, the way TensorBoard reads them best:
/// scalars as `simple_value` (float32, read by every TensorBoard loader, tbparse and rustboard),
/// histograms as `HistogramProto` (exact doubles), text as text-plugin `DT_STRING` tensors,
/// a restart as `SessionLog.START`.
enum EventEncoder {
    /// The first record of every file: `file_version` plus the writer's name.
    static func fileVersionRecord(wallTime: Double) -> [UInt8] {
        var writer = ProtoWriter()
        writer.doubleField(ProtoSchema.Event.wallTime, wallTime)
        writer.stringField(ProtoSchema.Event.fileVersion, ProtoSchema.fileVersion)
        writer.messageField(ProtoSchema.Event.sourceMetadata) { $0.stringField(ProtoSchema.SourceMetadata.writer, "tunetop") }
        return writer.bytes
    }

    /// `SessionLog{status: START}` at a step: readers drop values with a later step recorded before.
    static func sessionStartRecord(step: Int, wallTime: Double) -> [UInt8] {
        var writer = ProtoWriter()
        writer.doubleField(ProtoSchema.Event.wallTime, wallTime)
        writer.int64Field(ProtoSchema.Event.step, step)
        writer.messageField(ProtoSchema.Event.sessionLog) { $0.varintField(ProtoSchema.SessionLog.status, ProtoSchema.SessionLog.start) }
        return writer.bytes
    }

    /// One `Event` with a `Summary` holding the given values (which must not be `sessionStart`).
    static func summaryRecord(step: Int, wallTime: Double, values: [(tag: String, value: Value)]) -> [UInt8] {
        var writer = ProtoWriter()
        writer.doubleField(ProtoSchema.Event.wallTime, wallTime)
        writer.int64Field(ProtoSchema.Event.step, step)
        writer.messageField(ProtoSchema.Event.summary) { summary in
            for (tag, value) in values {
                summary.messageField(ProtoSchema.Summary.value) { encodeValue(tag: tag, value: value, into: &$0) }
            }
        }
        return writer.bytes
    }

    private static func encodeValue(tag: String, value: Value, into writer: inout ProtoWriter) {
        writer.stringField(ProtoSchema.SummaryValue.tag, tag)
        switch value {
        case .scalar(let scalar):
            writer.floatField(ProtoSchema.SummaryValue.simpleValue, Float(scalar))
        case .histogram(let histogram):
            writer.messageField(ProtoSchema.SummaryValue.histo) { encodeHistogram(histogram, into: &$0) }
        case .text(let text):
            writer.messageField(ProtoSchema.SummaryValue.tensor) { tensor in
                tensor.varintField(ProtoSchema.Tensor.dtype, ProtoSchema.DataType.string)
                tensor.messageField(ProtoSchema.Tensor.shape) { _ in }
                tensor.stringField(ProtoSchema.Tensor.stringVal, text)
            }
            writer.messageField(ProtoSchema.SummaryValue.metadata) { metadata in
                metadata.messageField(ProtoSchema.SummaryMetadata.pluginData) {
                    $0.stringField(ProtoSchema.PluginData.pluginName, ProtoSchema.Plugin.text)
                }
                metadata.varintField(ProtoSchema.SummaryMetadata.dataClass, ProtoSchema.SummaryMetadata.dataClassTensor)
            }
        case .sessionStart:
            break  // Callers write a restart as its own `sessionStartRecord`; nothing to add here.
        }
    }

    private static func encodeHistogram(_ histogram: Histogram, into writer: inout ProtoWriter) {
        writer.doubleField(ProtoSchema.Histogram.min, histogram.min)
        writer.doubleField(ProtoSchema.Histogram.max, histogram.max)
        writer.doubleField(ProtoSchema.Histogram.num, histogram.count)
        writer.doubleField(ProtoSchema.Histogram.sum, histogram.sum)
        writer.doubleField(ProtoSchema.Histogram.sumSquares, histogram.sumSquares)
        writer.packedDoubles(ProtoSchema.Histogram.bucketLimit, histogram.bucketLimits)
        writer.packedDoubles(ProtoSchema.Histogram.bucket, histogram.bucketCounts)
    }
}
