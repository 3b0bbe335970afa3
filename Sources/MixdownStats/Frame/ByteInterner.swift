/// Assigns consecutive codes to distinct byte strings (open addressing, FNV-1a),
/// so string columns are dictionary-encoded while the CSV is scanned.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [Int32]
    private var mask: Int

    init() {
        slots = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    var count: Int { offsets.count - 1 }

    /// The bytes of entry `code`.
    func bytes(_ code: Int) -> ArraySlice<UInt8> { arena[offsets[code]..<offsets[code + 1]] }

    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in 0..<n {
            h = (h ^ UInt64(p[k])) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The code of these bytes, adding them if new.
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let h = Self.hash(p, n)
        var s = h & mask
        while true {
            let code = slots[s]
            if code < 0 { break }
            let lo = offsets[Int(code)], hi = offsets[Int(code) + 1]
            if hi - lo == n {
                let same = arena.withUnsafeBufferPointer { a -> Bool in
                    for k in 0..<n where a[lo + k] != p[k] { return false }
                    return true
                }
                if same { return code }
            }
            s = (s + 1) & mask
        }
        let code = Int32(count)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        offsets.append(arena.count)
        slots[s] = code
        if count * 2 > slots.count { grow() }
        return code
    }

    private mutating func grow() {
        let newSize = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: newSize)
        let newMask = newSize - 1
        arena.withUnsafeBufferPointer { a in
            for code in 0..<count {
                let lo = offsets[code]
                var s = Self.hash(a.baseAddress! + lo, offsets[code + 1] - lo) & newMask
                while newSlots[s] >= 0 { s = (s + 1) & newMask }
                newSlots[s] = Int32(code)
            }
        }
        slots = newSlots
        mask = newMask
    }
}
