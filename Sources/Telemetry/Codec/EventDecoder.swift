/// An event as decoded, with the interned id of its tag (-1 for a session start) so per-tag
/// bookkeeping avoids hashing strings.
struct DecodedEvent {
    var tagID: Int
    var event: Event
}

/// Turns TensorBoard `Event` records into `Event`s. One decoder serves a whole run (all of its
/// files, in order) because TensorBoard keeps each tag's plugin, learnt from the first value that
/// carried metadata, per run across files (`event_file_loader.py`).
///
/// Reads: `simple_value`; rank-0 tensors of any numeric dtype via `tensor_content` or the typed
/// value lists (TF2, `tensorboard.summary`); `HistogramProto`; `[k,3]` histogram tensors
/// (`[left, right, count]` rows); text-plugin `DT_STRING` tensors; `SessionLog.START`.
/// Skips everything else (graphs, images, audio, hparams, …) and every unknown field.
struct EventDecoder {
    private(set) var tags = TagTable()
    /// What each tag's values are, by tag id; `.unknown` until a value with metadata says.
    private var plugins: [PluginKind] = []

    enum PluginKind {
        case unknown, scalars, histograms, text, other
    }

    /// Decodes one record's data. Appends its events to `output` only when the whole record
    /// decodes; otherwise throws and appends nothing, so a malformed record never yields values.
    mutating func decode(_ data: UnsafeRawBufferPointer, into output: inout [DecodedEvent]) throws {
        typealias Field = ProtoSchema.Event
        var reader = ProtoReader(data)
        var wallTime = 0.0
        var step = 0
        // One summary per record in practice; an array only for the rare writer that splits it.
        var summary: UnsafeRawBufferPointer?
        var moreSummaries: [UnsafeRawBufferPointer] = []
        var sessionStarts = false
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (Field.wallTime, .fixed64): wallTime = try reader.readDouble()
            case (Field.step, .varint): step = Int(truncatingIfNeeded: Int64(bitPattern: try reader.readVarint()))
            case (Field.summary, .lengthDelimited):
                let bytes = try reader.readBytes()
                if summary == nil { summary = bytes } else { moreSummaries.append(bytes) }
            case (Field.sessionLog, .lengthDelimited): sessionStarts = try Self.isSessionStart(try reader.readBytes())
            default: try reader.skip(field.wireType)
            }
        }
        let firstNew = output.count
        if sessionStarts {
            output.append(DecodedEvent(tagID: -1, event: Event(step: step, wallTime: wallTime, tag: "", value: .sessionStart)))
        }
        do {
            if let summary { try decodeSummary(summary, step: step, wallTime: wallTime, into: &output) }
            for extra in moreSummaries { try decodeSummary(extra, step: step, wallTime: wallTime, into: &output) }
        } catch {
            output.removeSubrange(firstNew...)
            throw error
        }
    }

    private mutating func decodeSummary(
        _ bytes: UnsafeRawBufferPointer, step: Int, wallTime: Double, into output: inout [DecodedEvent]
    ) throws {
        var reader = ProtoReader(bytes)
        while let field = try reader.nextField() {
            guard field.number == ProtoSchema.Summary.value, field.wireType == .lengthDelimited else {
                try reader.skip(field.wireType)
                continue
            }
            if let decoded = try decodeValue(try reader.readBytes(), step: step, wallTime: wallTime) {
                output.append(decoded)
            }
        }
    }

    private static func isSessionStart(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        var reader = ProtoReader(bytes)
        var status: UInt64 = 0
        while let field = try reader.nextField() {
            if field.number == ProtoSchema.SessionLog.status, field.wireType == .varint {
                status = try reader.readVarint()
            } else {
                try reader.skip(field.wireType)
            }
        }
        return status == ProtoSchema.SessionLog.start
    }

    /// One `Summary.Value`; nil when it carries nothing we show.
    private mutating func decodeValue(_ bytes: UnsafeRawBufferPointer, step: Int, wallTime: Double) throws -> DecodedEvent? {
        typealias Field = ProtoSchema.SummaryValue
        var reader = ProtoReader(bytes)
        var tag: UnsafeRawBufferPointer?
        var nodeName: UnsafeRawBufferPointer?
        var simpleValue: Float?
        var histogram: UnsafeRawBufferPointer?
        var tensor: UnsafeRawBufferPointer?
        var plugin: PluginKind?
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (Field.tag, .lengthDelimited): tag = try reader.readBytes()
            case (Field.nodeName, .lengthDelimited): nodeName = try reader.readBytes()
            case (Field.simpleValue, .fixed32): simpleValue = try reader.readFloat()
            case (Field.histo, .lengthDelimited): histogram = try reader.readBytes()
            case (Field.tensor, .lengthDelimited): tensor = try reader.readBytes()
            case (Field.metadata, .lengthDelimited): plugin = try Self.pluginKind(ofMetadata: try reader.readBytes())
            default: try reader.skip(field.wireType)
            }
        }
        let tagBytes = (tag?.isEmpty ?? true) ? (nodeName ?? UnsafeRawBufferPointer(start: nil, count: 0)) : tag!
        let tagID = tags.id(for: tagBytes)
        if tagID == plugins.count { plugins.append(.unknown) }
        if let plugin, plugin != .unknown, plugins[tagID] == .unknown { plugins[tagID] = plugin }

        let value: Value?
        if let simpleValue {
            value = .scalar(Double(simpleValue))
        } else if let histogram {
            // Limits and counts of unequal length cannot be drawn right: such a value is skipped.
            let decoded = try Self.decodeHistogram(histogram)
            value = decoded.bucketLimits.count == decoded.bucketCounts.count ? .histogram(decoded) : nil
        } else if let tensor {
            value = Self.interpret(try TensorProtoView(tensor), as: plugins[tagID])
        } else {
            value = nil
        }
        guard let value else { return nil }
        return DecodedEvent(tagID: tagID, event: Event(step: step, wallTime: wallTime, tag: tags.names[tagID], value: value))
    }

    private static func pluginKind(ofMetadata bytes: UnsafeRawBufferPointer) throws -> PluginKind {
        var reader = ProtoReader(bytes)
        var kind = PluginKind.unknown
        while let field = try reader.nextField() {
            guard field.number == ProtoSchema.SummaryMetadata.pluginData, field.wireType == .lengthDelimited else {
                try reader.skip(field.wireType)
                continue
            }
            var pluginReader = ProtoReader(try reader.readBytes())
            while let pluginField = try pluginReader.nextField() {
                guard pluginField.number == ProtoSchema.PluginData.pluginName, pluginField.wireType == .lengthDelimited else {
                    try pluginReader.skip(pluginField.wireType)
                    continue
                }
                let name = try pluginReader.readBytes()
                switch String(decoding: name, as: UTF8.self) {
                case "": kind = .unknown
                case ProtoSchema.Plugin.scalars: kind = .scalars
                case ProtoSchema.Plugin.histograms: kind = .histograms
                case ProtoSchema.Plugin.text: kind = .text
                default: kind = .other
                }
            }
        }
        return kind
    }

    /// A tensor value by its tag's plugin; without a plugin, strings read as text and single
    /// numbers as scalars (what TensorBoard's data compatibility layer would make of them).
    private static func interpret(_ tensor: TensorProtoView, as plugin: PluginKind) -> Value? {
        switch plugin {
        case .other:
            return nil
        case .text:
            return tensor.isString ? .text(text(of: tensor)) : nil
        case .histograms:
            guard tensor.dims.count == 2, tensor.dims[1] == 3, let numbers = tensor.numbers() else { return nil }
            return .histogram(histogram(rows: numbers))
        case .scalars, .unknown:
            if tensor.isString { return plugin == .unknown ? .text(text(of: tensor)) : nil }
            guard tensor.elementCount == 1, let numbers = tensor.numbers(), numbers.count == 1 else { return nil }
            return .scalar(numbers[0])
        }
    }

    /// The strings of a text tensor, one per line (a rank-0 or `[1]` tensor is just its string).
    private static func text(of tensor: TensorProtoView) -> String {
        tensor.strings.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }

    /// A TF2 `[k,3]` histogram (`[left, right, count]` rows) as `Histogram`: limits are the right
    /// edges, `min`/`max` the outer edges. The tensor has no sum, so `sum` and `sumSquares` are
    /// estimated from bucket midpoints.
    static func histogram(rows: [Double]) -> Histogram {
        let k = rows.count / 3
        var limits = [Double](), counts = [Double]()
        limits.reserveCapacity(k)
        counts.reserveCapacity(k)
        var total = 0.0, sum = 0.0, sumSquares = 0.0
        for row in 0..<k {
            let left = rows[3 * row], right = rows[3 * row + 1], count = rows[3 * row + 2]
            limits.append(right)
            counts.append(count)
            let middle = (left + right) / 2
            total += count
            sum += count * middle
            sumSquares += count * middle * middle
        }
        return Histogram(
            min: k > 0 ? rows[0] : 0, max: k > 0 ? rows[3 * k - 2] : 0, count: total, sum: sum, sumSquares: sumSquares,
            bucketLimits: limits, bucketCounts: counts)
    }

    private static func decodeHistogram(_ bytes: UnsafeRawBufferPointer) throws -> Histogram {
        typealias Field = ProtoSchema.Histogram
        var reader = ProtoReader(bytes)
        var result = Histogram(min: 0, max: 0, count: 0, sum: 0, sumSquares: 0, bucketLimits: [], bucketCounts: [])
        while let field = try reader.nextField() {
            switch (field.number, field.wireType) {
            case (Field.min, .fixed64): result.min = try reader.readDouble()
            case (Field.max, .fixed64): result.max = try reader.readDouble()
            case (Field.num, .fixed64): result.count = try reader.readDouble()
            case (Field.sum, .fixed64): result.sum = try reader.readDouble()
            case (Field.sumSquares, .fixed64): result.sumSquares = try reader.readDouble()
            case (Field.bucketLimit, _):
                try reader.readRepeated(field.wireType, element: .fixed64, into: &result.bucketLimits) { try $0.readDouble() }
            case (Field.bucket, _):
                try reader.readRepeated(field.wireType, element: .fixed64, into: &result.bucketCounts) { try $0.readDouble() }
            default: try reader.skip(field.wireType)
            }
        }
        return result
    }
}
