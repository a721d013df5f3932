/// Field numbers of the TensorBoard protobuf messages we read and write
/// (`tensorboard/compat/proto/{event,summary,histogram,tensor,tensor_shape,types}.proto`).
enum ProtoSchema {
    enum Event {
        static let wallTime = 1, step = 2, fileVersion = 3, summary = 5, sessionLog = 7, sourceMetadata = 10
    }

    enum SourceMetadata {
        static let writer = 1
    }

    enum SessionLog {
        static let status = 1
        /// `SessionLog.SessionStatus.START`.
        static let start: UInt64 = 1
    }

    enum Summary {
        static let value = 1
    }

    enum SummaryValue {
        static let tag = 1, simpleValue = 2, histo = 5, nodeName = 7, tensor = 8, metadata = 9
    }

    enum SummaryMetadata {
        static let pluginData = 1, dataClass = 4
        /// `DataClass.DATA_CLASS_TENSOR`: what TensorBoard's own text summaries declare.
        static let dataClassTensor: UInt64 = 2
    }

    enum PluginData {
        static let pluginName = 1
    }

    enum Histogram {
        static let min = 1, max = 2, num = 3, sum = 4, sumSquares = 5, bucketLimit = 6, bucket = 7
    }

    enum Tensor {
        static let dtype = 1, shape = 2, content = 4, floatVal = 5, doubleVal = 6, intVal = 7, stringVal = 8
        static let int64Val = 10, boolVal = 11, halfVal = 13, uint32Val = 16, uint64Val = 17
    }

    enum TensorShape {
        static let dim = 2
    }

    enum TensorShapeDim {
        static let size = 1
    }

    /// `tensorflow.DataType` values we decode.
    enum DataType {
        static let float: UInt64 = 1, double: UInt64 = 2, int32: UInt64 = 3, uint8: UInt64 = 4, int16: UInt64 = 5
        static let int8: UInt64 = 6, string: UInt64 = 7, int64: UInt64 = 9, bool: UInt64 = 10, bfloat16: UInt64 = 14
        static let uint16: UInt64 = 17, half: UInt64 = 19, uint32: UInt64 = 22, uint64: UInt64 = 23
    }

    /// Plugin names in `SummaryMetadata.plugin_data`.
    enum Plugin {
        static let scalars = "scalars", histograms = "histograms", text = "text"
    }

    /// The first record's `file_version`.
    static let fileVersion = "brain.Event:2"
}
