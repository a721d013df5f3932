#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns tag names while decoding: each distinct tag becomes one `String` shared by all of its
/// events and a small integer id that per-tag bookkeeping (plugins, restarts) indexes by.
///
/// Why: a million-event file repeats a handful of tags; building a fresh `String` per event (tags
/// over 15 bytes allocate) and hashing it in a `Dictionary` would dominate the time to open a run.
struct TagTable {
    private(set) var names: [String] = []
    private var keys: [[UInt8]] = []
    private var hashes: [UInt64] = []
    /// Open addressing: slot → tag id, or -1 when empty. Capacity is a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 64)

    /// The id of the tag with these UTF-8 bytes, adding it when new.
    mutating func id(for bytes: UnsafeRawBufferPointer) -> Int {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash, Self.equal(keys[id], bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = names.count
        names.append(String(decoding: bytes, as: UTF8.self))
        keys.append(Array(bytes))
        hashes.append(hash)
        slots[slot] = Int32(id)
        if names.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of a tag given as a string.
    mutating func id(for name: String) -> Int {
        var name = name
        return name.withUTF8 { id(for: UnsafeRawBufferPointer($0)) }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    private static func equal(_ key: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        key.count == bytes.count && key.withUnsafeBytes { stored in
            bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// FNV-1a, 64-bit: tags are short, so a simple byte loop is enough.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
