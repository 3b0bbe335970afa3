/// The hot loop of CSV loading: scans data records and hands each field
/// straight to its column's builder (no per-field allocation).
struct DataScanner {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private let source: String
    private let start: Int
    private var line: Int
    private var scratch: [UInt8] = []

    init(scanner: FieldScanner) {
        self.base = scanner.base
        self.end = scanner.end
        self.source = scanner.source
        self.start = scanner.position
        self.line = scanner.line
    }

    /// Scans to the end, appending each field to its column's sink; returns the
    /// index of a numeric column that met a non-number (nil when every field fitted).
    mutating func run(_ sinks: UnsafeMutableBufferPointer<ColumnSink>) throws -> Int? {
        let p = base
        let ncols = sinks.count
        var pos = start
        while pos < end {
            let first = p[pos]
            if first == 0x0A { pos += 1; line += 1; continue }            // blank line
            if first == 0x0D {
                pos += 1
                if pos < end, p[pos] == 0x0A { pos += 1 }
                line += 1
                continue
            }
            let recordStart = pos, recordLine = line
            var c = 0
            while true {
                var s = pos, e = pos
                var kind: UInt8 = 0
                if pos < end, p[pos] == 0x22 {
                    s = pos + 1
                    let quoted = try FieldScanner.scanQuoted(p, &pos, end: end, line: &line, source: source)
                    e = quoted.contentEnd
                    kind = quoted.doubledQuotes ? 2 : 1
                } else {
                    while pos < end {
                        let b = p[pos]
                        if b == 0x2C || b == 0x0A || b == 0x0D { break }
                        pos += 1
                    }
                    e = pos
                }
                guard c < ncols else { throw try ragged(recordStart, recordLine, expected: ncols) }
                let ok: Bool
                if kind == 2 {
                    ok = unescaped(s, e) { sinks[c].add($0, $1) }
                } else {
                    ok = sinks[c].add(p + s, e - s)
                }
                if !ok { return c }
                c += 1
                if pos >= end { break }
                let b = p[pos]
                pos += 1
                if b == 0x2C { continue }
                if b == 0x0D, pos < end, p[pos] == 0x0A { pos += 1 }
                line += 1
                break
            }
            if c != ncols { throw try ragged(recordStart, recordLine, expected: ncols) }
        }
        return nil
    }

    /// Field bytes with doubled quotes undone.
    private mutating func unescaped(_ s: Int, _ e: Int, _ body: (UnsafePointer<UInt8>, Int) -> Bool) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        var k = s
        while k < e {
            scratch.append(base[k])
            k += base[k] == 0x22 ? 2 : 1
        }
        scratch.append(0)
        return scratch.withUnsafeBufferPointer { body($0.baseAddress!, $0.count - 1) }
    }

    /// The error for a record with the wrong number of fields (re-scanned to count them).
    private func ragged(_ recordStart: Int, _ recordLine: Int, expected: Int) throws -> CSVError {
        var scanner = FieldScanner(base: base, start: recordStart, end: end, source: source)
        scanner.rewind(to: recordStart, line: recordLine)
        _ = try scanner.nextRecord()
        let found = scanner.fieldCount
        return CSVError(file: source, line: recordLine,
                        message: "expected \(expected) field\(expected == 1 ? "" : "s") (as in the header), found \(found)")
    }
}

/// Collects one column's cells during a scan: numbers, or interned string codes.
/// Memory is managed by hand (``release()``) to keep the hot loop free of
/// reference counting; the owner must call `release()` once.
struct ColumnSink {
    let isString: Bool
    private(set) var count = 0
    private var capacity: Int
    private var numbers: UnsafeMutablePointer<Double>
    private var codes: UnsafeMutablePointer<Int32>
    var interner = ByteInterner()

    /// `expectedRows` sizes the first allocation (an upper bound avoids any regrowth).
    init(isString: Bool, expectedRows: Int) {
        self.isString = isString
        self.capacity = max(16, expectedRows)
        numbers = .allocate(capacity: isString ? 1 : capacity)
        codes = .allocate(capacity: isString ? capacity : 1)
    }

    /// Adds one cell; false if the column is numeric and the cell is not a number.
    @inline(__always)
    mutating func add(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if count == capacity { grow() }
        if isString {
            codes[count] = CSVReader.isMissingToken(p, n) ? -1 : interner.intern(p, n)
        } else if n == 0 {
            numbers[count] = .nan
        } else if let v = NumberParser.parse(p, n) {
            numbers[count] = v
        } else if CSVReader.isMissingToken(p, n) {
            numbers[count] = .nan
        } else {
            return false
        }
        count += 1
        return true
    }

    private mutating func grow() {
        let bigger = capacity * 2
        if isString {
            let m = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
            m.update(from: codes, count: count)
            codes.deallocate()
            codes = m
        } else {
            let m = UnsafeMutablePointer<Double>.allocate(capacity: bigger)
            m.update(from: numbers, count: count)
            numbers.deallocate()
            numbers = m
        }
        capacity = bigger
    }

    var numberArray: [Double] { Array(UnsafeBufferPointer(start: numbers, count: count)) }
    var codeArray: [Int32] { Array(UnsafeBufferPointer(start: codes, count: count)) }

    func release() {
        numbers.deallocate()
        codes.deallocate()
    }
}
