import Foundation

extension DataFrame {
    /// Loads a CSV file: header row, RFC 4180 quoting, UTF-8. A column is numeric
    /// when every non-missing cell is a number, otherwise it holds strings.
    /// Missing cells: empty, `NA`, `N/A`, `n/a`, `NaN`, `nan`, `-NaN`, `-nan`,
    /// `NULL`, `null`, `#N/A`. Errors name the file and the line.
    public static func readCSV(path: String) throws -> DataFrame {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CSVError(file: path, line: nil, message: "no such file")
        }
        if isDirectory.boolValue { throw CSVError(file: path, line: nil, message: "is a directory, not a CSV file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw CSVError(file: path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try data.withUnsafeBytes { raw in
            try CSVReader.parse(raw.bindMemory(to: UInt8.self), source: path)
        }
    }

    /// Parses CSV text (same rules as ``readCSV(path:)``); `source` labels errors.
    public static func parseCSV(_ text: String, source: String = "<string>") throws -> DataFrame {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { b in
            try CSVReader.parse(UnsafeBufferPointer(b), source: source)
        }
    }
}

/// The hand-written CSV parser over raw bytes (see ``DataFrame/readCSV(path:)``).
enum CSVReader {
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, source: String) throws -> DataFrame {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw CSVError(file: source, line: nil, message: "empty file (no header row)")
        }
        var start = 0
        if buffer.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
        try checkText(base, from: start, count: buffer.count, source: source)
        var scanner = FieldScanner(base: base, start: start, end: buffer.count, source: source)

        // Header (leading blank lines are skipped).
        var headerFound = false
        while try scanner.nextRecord() {
            if !scanner.isBlankRecord { headerFound = true; break }
        }
        guard headerFound else { throw CSVError(file: source, line: nil, message: "empty file (no header row)") }
        var names: [String] = []
        var scratch: [UInt8] = []
        for f in 0..<scanner.fieldCount {
            let name = scanner.withField(f, scratch: &scratch) { p, n in
                String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
            }
            names.append(name.isEmpty ? "Unnamed: \(f)" : name)
        }
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted {
            throw CSVError(file: source, line: scanner.recordLine, message: "duplicate column name '\(n)' in the header")
        }
        let dataStart = scanner.position, dataLine = scanner.line

        // Data: assume numeric until a cell says otherwise, then re-scan with that column as strings.
        var stringColumns = Set<Int>()
        while true {
            scanner.rewind(to: dataStart, line: dataLine)
            if let columns = try scanData(&scanner, names: names, stringColumns: &stringColumns) {
                return try DataFrame(columns: columns)
            }
        }
    }

    /// Scans every data record; returns nil if a numeric column met a non-number
    /// (it is then added to `stringColumns` and the caller scans again).
    private static func scanData(_ scanner: inout FieldScanner, names: [String],
                                 stringColumns: inout Set<Int>) throws -> [Column]? {
        let ncols = names.count
        let expected = scanner.lineBreaksAfterPosition() + 1
        var sinks = (0..<ncols).map { ColumnSink(isString: stringColumns.contains($0), expectedRows: expected) }
        defer { for s in sinks { s.release() } }
        var data = DataScanner(scanner: scanner)
        let failed = try sinks.withUnsafeMutableBufferPointer { try data.run($0) }
        if let failed {
            stringColumns.insert(failed)
            return nil
        }
        return (0..<ncols).map { c in
            let b = sinks[c]
            if b.isString {
                return Column(name: names[c], data: .categorical(encode(b.interner, b.codeArray)))
            }
            return Column(name: names[c], numbers: b.numberArray)
        }
    }

    /// Sorts the interned strings into levels and renumbers the codes.
    private static func encode(_ interner: ByteInterner, _ codes: [Int32]) -> Categorical {
        let strings = (0..<interner.count).map { String(decoding: interner.bytes($0), as: UTF8.self) }
        let order = strings.indices.sorted { Categorical.precedes(strings[$0], strings[$1]) }
        var remap = [Int32](repeating: -1, count: strings.count)
        for (newCode, old) in order.enumerated() { remap[old] = Int32(newCode) }
        let newCodes = codes.map { $0 < 0 ? Int32(-1) : remap[Int($0)] }
        return Categorical(sortedLevels: order.map { strings[$0] }, codes: newCodes)
    }

    /// Whether a cell spells a missing value: empty, NA, N/A, n/a, NaN, nan, -NaN, -nan, NULL, null, #N/A.
    @inline(__always)
    static func isMissingToken(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        switch n {
        case 0: return true
        case 2: return p[0] == 0x4E && p[1] == 0x41                                   // NA
        case 3:
            if p[1] == 0x2F { return (p[0] == 0x4E && p[2] == 0x41) || (p[0] == 0x6E && p[2] == 0x61) }  // N/A n/a
            return (p[0] == 0x4E && p[1] == 0x61 && p[2] == 0x4E) || (p[0] == 0x6E && p[1] == 0x61 && p[2] == 0x6E)  // NaN nan
        case 4:
            if p[0] == 0x2D { return isMissingToken(p + 1, 3) && p[2] != 0x2F }        // -NaN -nan
            if p[0] == 0x23 { return p[1] == 0x4E && p[2] == 0x2F && p[3] == 0x41 }     // #N/A
            return (p[0] == 0x4E && p[1] == 0x55 && p[2] == 0x4C && p[3] == 0x4C)      // NULL
                || (p[0] == 0x6E && p[1] == 0x75 && p[2] == 0x6C && p[3] == 0x6C)      // null
        default: return false
        }
    }

    /// Rejects NUL bytes (binary files) and invalid UTF-8, naming the line.
    private static func checkText(_ p: UnsafePointer<UInt8>, from start: Int, count: Int, source: String) throws {
        func lineOf(_ offset: Int) -> Int {
            var line = 1
            for k in 0..<offset where p[k] == 0x0A { line += 1 }
            return line
        }
        var i = start
        var onlyBlank = true
        while i < count {
            // Fast path: 8 ASCII bytes without NUL.
            if i + 8 <= count {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let hasHigh = w & 0x8080_8080_8080_8080 != 0
                let hasZero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 != 0
                if !hasHigh && !hasZero {
                    if onlyBlank {
                        for k in 0..<8 where !isBlankByte(p[i + k]) { onlyBlank = false }
                    }
                    i += 8
                    continue
                }
            }
            let b = p[i]
            if b == 0 { throw CSVError(file: source, line: lineOf(i), message: "binary file (NUL byte), not CSV text") }
            if b < 0x80 {
                if onlyBlank && !isBlankByte(b) { onlyBlank = false }
                i += 1
                continue
            }
            onlyBlank = false
            let len: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { len = 2 }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4 }
            else { throw CSVError(file: source, line: lineOf(i), message: "not UTF-8 text (invalid byte 0x\(String(b, radix: 16, uppercase: true)))") }
            var ok = true
            for k in 1..<len where i + k < count && p[i + k] & 0xC0 != 0x80 { ok = false }
            if ok && i + len > count {
                throw CSVError(file: source, line: lineOf(i), message: "not UTF-8 text (truncated character at the end)")
            }
            if ok, len == 3 {
                let b1 = p[i + 1]
                if b == 0xE0 && b1 < 0xA0 { ok = false }          // overlong
                if b == 0xED && b1 >= 0xA0 { ok = false }         // surrogate
            }
            if ok, len == 4 {
                let b1 = p[i + 1]
                if b == 0xF0 && b1 < 0x90 { ok = false }
                if b == 0xF4 && b1 >= 0x90 { ok = false }
            }
            guard ok else {
                throw CSVError(file: source, line: lineOf(i), message: "not UTF-8 text (invalid byte sequence)")
            }
            i += len
        }
        if onlyBlank { throw CSVError(file: source, line: nil, message: "empty file (no header row)") }
    }

    @inline(__always)
    private static func isBlankByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
