import Foundation

/// The OpenBLAS thread count, set to what a kernel's size warrants: one thread for the small
/// calls (idle OpenBLAS threads otherwise spin between them), both cores for large dense blocks.
/// A no-op when the BLAS in use is not OpenBLAS.
enum BlasThreads {
    private typealias SetThreads = @convention(c) (Int32) -> Void
    nonisolated(unsafe) private static let setter: SetThreads? = {
        guard let sym = dlsym(dlopen(nil, RTLD_LAZY), "openblas_set_num_threads") else { return nil }
        return unsafeBitCast(sym, to: SetThreads.self)
    }()
    nonisolated(unsafe) private static var current = 0

    /// Dense blocks of at least this order are worth two threads (measured on two idle cores:
    /// dpotrf of order 1142 17.4 → 11.3 ms, dsyrk 800 × 1200 23.7 → 13.6 ms).
    static let parallelOrder = 500

    /// Uses two threads for dense work of order `order` ≥ `parallelOrder`, one otherwise.
    static func fit(order: Int) {
        let want = order >= parallelOrder ? min(2, ProcessInfo.processInfo.activeProcessorCount) : 1
        guard want != current, let set = setter else { return }
        set(Int32(want))
        current = want
    }
}
