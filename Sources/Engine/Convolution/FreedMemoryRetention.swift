#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed tensor memory in the process instead of handing it back to the kernel.
///
/// Why: each training step allocates fresh multi-megabyte activations and gradients. With
/// glibc's defaults those come from `mmap` (or are trimmed off the heap top) and are given
/// back on free, so every step page-faults them in again: on the W3 CNN that is about a
/// third of the step (first conv's output, ReLU and pooling gradients: 3 MB each, ~2 µs per
/// 4 KiB page on these VMs). The same fix `shared/bench` measured for numpy
/// (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`); PyTorch gets it from its caching
/// allocator. Process-wide, so the executable calls it once at start-up (idempotent).
public enum FreedMemoryRetention {
    /// Serves allocations below 64 MiB from the heap and never trims the heap below 1 GiB.
    /// Returns false where the C library has no such knobs (non-glibc platforms).
    @discardableResult
    public static func enable() -> Bool {
        #if canImport(Glibc)
        // `mallopt` lives in <malloc.h>, which the Glibc module does not import: look it up.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
        return mallopt(mmapThreshold, 64 << 20) == 1 && mallopt(trimThreshold, 1 << 30) == 1
        #else
        return false
        #endif
    }
}
