/// im2col and its adjoint for one window geometry, on the fastest path that applies: the
/// shifted-plane path for stride 1 with "same" output size (masks built once here), the
/// row-by-row path otherwise. Layers keep one per input shape.
struct ColumnTransform: Sendable {
    let geometry: WindowGeometry
    /// Wrapped-column masks of the shifted-plane path; empty on the row-by-row path.
    private let masks: [UInt32]

    init(_ geometry: WindowGeometry) {
        self.geometry = geometry
        masks = geometry.keepsPlaneLayout ? shiftedPlaneColumnMasks(geometry) : []
    }

    /// Unrolls one image [C, H, W] into patch columns [K, P] (see `im2colByRows`).
    func im2col(_ image: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
        guard geometry.keepsPlaneLayout else { return im2colByRows(image, geometry, into: columns) }
        masks.withUnsafeBufferPointer { im2colShiftedPlane(image, geometry, masks: $0.baseAddress!, into: columns) }
    }

    /// Adds patch columns back onto the image they came from. Row `r` of the columns starts
    /// at `columns + r·geometry.gradientRowStride + geometry.gradientRowMargin` (see
    /// `gradientRowMargin`; the margins' contents are ignored).
    func col2im(_ columns: UnsafePointer<Float>, addingInto image: UnsafeMutablePointer<Float>) {
        guard geometry.keepsPlaneLayout else { return col2imByRows(columns, geometry, addingInto: image) }
        masks.withUnsafeBufferPointer { col2imShiftedPlane(columns, geometry, masks: $0.baseAddress!, addingInto: image) }
    }
}
