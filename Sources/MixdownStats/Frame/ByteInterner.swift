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

    /// Packs up to 7 bytes and their count into one word (distinct strings give distinct words).
    @inline(__always)
    private static func pack(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var key = UInt64(n) << 56
        for k in 0..<n { key |= UInt64(p[k]) << (8 * UInt64(k)) }
        return key
    }

    /// Short strings (≤ 7 bytes, the usual level names) are looked up by their packed word.
    private var smallSlots = [Int32](repeating: -1, count: 64)
    private var smallKeys = [UInt64](repeating: 0, count: 64)
    private var smallCount = 0

    /// The code of these bytes, adding them if new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        if n <= 7 { return internSmall(p, n) }
        return internLong(p, n)
    }

    private mutating func internSmall(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let key = Self.pack(p, n)
        let mask = smallSlots.count - 1
        var s = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while true {
            let code = smallSlots[s]
            if code < 0 { break }
            if smallKeys[s] == key { return code }
            s = (s + 1) & mask
        }
        let code = internLong(p, n)
        smallSlots[s] = code
        smallKeys[s] = key
        smallCount += 1
        if smallCount * 2 > smallSlots.count { growSmall() }
        return code
    }

    private mutating func growSmall() {
        let newSize = smallSlots.count * 2
        var slots = [Int32](repeating: -1, count: newSize)
        var keys = [UInt64](repeating: 0, count: newSize)
        for (i, code) in smallSlots.enumerated() where code >= 0 {
            let key = smallKeys[i]
            var s = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & (newSize - 1)
            while slots[s] >= 0 { s = (s + 1) & (newSize - 1) }
            slots[s] = code
            keys[s] = key
        }
        smallSlots = slots
        smallKeys = keys
    }

    private mutating func internLong(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
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
