import XCTest
@testable import Telemetry

final class CRC32CTests: XCTestCase {
    func testCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
    }

    /// TensorBoard's data server tests (`tf_record.rs`): the framing of a real record.
    func testTensorBoardRecordVectors() {
        var length = UInt64(24).littleEndian
        let lengthCRC = withUnsafeBytes(of: &length) { CRC32C.maskedChecksum($0) }
        XCTAssertEqual(lengthCRC, 0x224B_7FA3)
        let data: [UInt8] = [0x09, 0x00, 0x00, 0x80, 0x38, 0x99, 0xD6, 0xD7, 0x41, 0x1A, 0x0D] + Array("brain.Event:2".utf8)
        XCTAssertEqual(data.withUnsafeBytes { CRC32C.maskedChecksum($0) }, 0xAB36_4B12)
    }

    func testMaskOfZerosAndEmptyAndUnmask() {
        XCTAssertEqual([UInt8](repeating: 0, count: 8).withUnsafeBytes { CRC32C.maskedChecksum($0) }, 0x0798_0329)
        XCTAssertEqual([UInt8]().withUnsafeBytes { CRC32C.maskedChecksum($0) }, 0xA282_EAD8)
        for value: UInt32 in [0, 1, 0xDEAD_BEEF, 0xFFFF_FFFF] {
            XCTAssertEqual(CRC32C.unmask(CRC32C.mask(value)), value)
        }
    }

    /// The sliced loop agrees with a bitwise reference at every length and alignment.
    func testSlicedMatchesBitwise() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let slice = Array(bytes[start..<end])
                XCTAssertEqual(CRC32C.checksum(slice), bitwise(slice), "bytes \(start)..<\(end)")
            }
        }
    }

    private func bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
