import Foundation

/// One image's flip + translation + rotation as a single inverse mapping: each output
/// pixel reads the source position it came from. Integer moves copy exactly; a rotation
/// samples bilinearly. Outside the source reads 0.
struct ImageTransform {
    let flip: Bool
    let dx: Int, dy: Int
    let radians: Float
    let channels: Int, height: Int, width: Int

    /// Transforms the `[C, H, W]` pixels of `image` in place through `scratch` (same size).
    func apply(to image: UnsafeMutableBufferPointer<Float>, scratch: inout [Float]) {
        for index in image.indices { scratch[index] = image[index] }
        let plane = height * width
        if radians == 0 {
            for channel in 0..<channels {
                for y in 0..<height {
                    let sourceY = y - dy
                    for x in 0..<width {
                        let shiftedX = x - dx
                        let sourceX = flip ? width - 1 - shiftedX : shiftedX
                        let inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width
                        image[channel * plane + y * width + x] = inside ? scratch[channel * plane + sourceY * width + sourceX] : 0
                    }
                }
            }
            return
        }
        let (sine, cosine) = (sinf(radians), cosf(radians))
        let centerX = Float(width - 1) / 2, centerY = Float(height - 1) / 2
        for y in 0..<height {
            for x in 0..<width {
                // Undo the shift, then the rotation about the centre, then the flip.
                let u = Float(x - dx) - centerX, v = Float(y - dy) - centerY
                var sourceX = cosine * u + sine * v + centerX
                let sourceY = -sine * u + cosine * v + centerY
                if flip { sourceX = Float(width - 1) - sourceX }
                for channel in 0..<channels {
                    image[channel * plane + y * width + x] = bilinear(scratch, channel * plane, sourceX, sourceY)
                }
            }
        }
    }

    private func bilinear(_ source: [Float], _ base: Int, _ x: Float, _ y: Float) -> Float {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Float(x0), fy = y - Float(y0)
        func pixel(_ px: Int, _ py: Int) -> Float {
            px >= 0 && px < width && py >= 0 && py < height ? source[base + py * width + px] : 0
        }
        let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
        let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
