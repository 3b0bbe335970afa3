import Foundation

/// Splits CSV bytes into records and fields (RFC 4180), tracking physical lines.
struct FieldScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    let source: String
    private(set) var position: Int
    /// The 1-based physical line at `position`.
    private(set) var line: Int
    /// The line where the last record started.
    private(set) var recordLine = 1
    private(set) var fieldCount = 0
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// 0 = plain, 1 = quoted, 2 = quoted with doubled quotes inside.
    private var kinds: [UInt8] = []

    init(base: UnsafePointer<UInt8>, start: Int, end: Int, source: String) {
        self.base = base
        self.position = start
        self.end = end
        self.source = source
        self.line = 1
    }

    mutating func rewind(to position: Int, line: Int) {
        self.position = position
        self.line = line
    }

    /// Number of line feeds from `position` to the end (an upper bound on the records left, minus one).
    func lineBreaksAfterPosition() -> Int {
        var count = 0
        var p = UnsafeRawPointer(base + position)
        var left = end - position
        while left > 0, let hit = memchr(p, 0x0A, left) {
            count += 1
            let next = UnsafeRawPointer(hit) + 1
            left -= next - p
            p = next
        }
        return count
    }

    /// True when the last record is an empty line.
    var isBlankRecord: Bool { fieldCount == 1 && kinds[0] == 0 && starts[0] == ends[0] }

    @inline(__always)
    private mutating func addField(_ s: Int, _ e: Int, _ kind: UInt8) {
        if fieldCount == starts.count {
            starts.append(s); ends.append(e); kinds.append(kind)
        } else {
            starts[fieldCount] = s; ends[fieldCount] = e; kinds[fieldCount] = kind
        }
        fieldCount += 1
    }

    /// Scans a quoted field whose opening quote is at `pos`: moves `pos` past the closing quote,
    /// counts the lines it spans, and checks that a separator or line end follows. Shared by the
    /// header scanner and the data hot loop.
    @inline(__always)
    static func scanQuoted(_ p: UnsafePointer<UInt8>, _ pos: inout Int, end: Int, line: inout Int,
                           source: String) throws -> (contentEnd: Int, doubledQuotes: Bool) {
        let openLine = line
        pos += 1
        var doubled = false
        while true {
            guard pos < end else {
                throw CSVError(file: source, line: openLine, message: "a quoted field is never closed")
            }
            let b = p[pos]
            if b == 0x22 {
                if pos + 1 < end, p[pos + 1] == 0x22 { doubled = true; pos += 2; continue }
                break
            }
            if b == 0x0A { line += 1 }
            pos += 1
        }
        let contentEnd = pos
        pos += 1
        if pos < end {
            let b = p[pos]
            if b != 0x2C && b != 0x0A && b != 0x0D {
                throw CSVError(file: source, line: line, message: "unexpected text after the closing quote of a field")
            }
        }
        return (contentEnd, doubled)
    }

    /// Reads the next record; false at the end of the input.
    mutating func nextRecord() throws -> Bool {
        fieldCount = 0
        recordLine = line
        if position >= end { return false }
        let p = base
        var pos = position
        while true {
            if pos < end, p[pos] == 0x22 {
                let s = pos + 1
                let quoted = try Self.scanQuoted(p, &pos, end: end, line: &line, source: source)
                addField(s, quoted.contentEnd, quoted.doubledQuotes ? 2 : 1)
            } else {
                let s = pos
                while pos < end {
                    let b = p[pos]
                    if b == 0x2C || b == 0x0A || b == 0x0D { break }
                    pos += 1
                }
                addField(s, pos, 0)
            }
            if pos >= end { break }
            let b = p[pos]
            pos += 1
            if b == 0x2C { continue }
            if b == 0x0D, pos < end, p[pos] == 0x0A { pos += 1 }
            line += 1
            break
        }
        position = pos
        return true
    }

    /// Calls `body` with the bytes of field `f` of the last record (quotes removed,
    /// doubled quotes undone).
    @inline(__always)
    func withField<T>(_ f: Int, scratch: inout [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws -> T) rethrows -> T {
        let s = starts[f], e = ends[f]
        if kinds[f] != 2 { return try body(base + s, e - s) }
        scratch.removeAll(keepingCapacity: true)
        var k = s
        while k < e {
            scratch.append(base[k])
            k += base[k] == 0x22 ? 2 : 1
        }
        scratch.append(0)
        return try scratch.withUnsafeBufferPointer { try body($0.baseAddress!, $0.count - 1) }
    }
}
