import Testing
@testable import MixdownStats

/// Sort, join, group summaries and fitted formula transforms, values in and values out.
/// Reference numbers from R 4.2 (`poly`, `predict.poly`, `scale`, `order`, `ave`).
@Suite struct FrameVerbTests {
    let frame = try! DataFrame(columns: [Column(name: "g", strings: ["b", "a", nil, "a"]), Column(name: "x", numbers: [1, 5, 3, .nan])])

    @Test func sortIsStableWithMissingLast() throws {
        #expect(try frame.sorted(by: ["g"]).numbers("x").map { $0.isNaN ? -1 : $0 } == [5, -1, 1, 3])
        #expect(try frame.sorted(by: ["x"], descending: true).numbers("x").prefix(3) == [5, 3, 1])
    }

    @Test func leftJoinKeepsLeftOrderAndRefusesRepeatedKeys() throws {
        let right = try DataFrame(columns: [Column(name: "g", strings: ["a", "b"]), Column(name: "w", numbers: [10, 20])])
        let joined = try frame.leftJoin(right, on: ["g"])
        #expect(try joined.numbers("w").map { $0.isNaN ? -1 : $0 } == [20, 10, -1, 10])
        let twice = try DataFrame(columns: [Column(name: "g", strings: ["a", "a"]), Column(name: "w", numbers: [1, 2])])
        #expect(throws: DataFrameError.self) { try frame.leftJoin(twice, on: ["g"]) }
    }

    @Test func aveAsR() throws {
        let groups = try GroupedFrame.groups(of: [try frame.column("g")])
        let out = GroupedFrame.ave([1, 5, 3, 7], groups: groups) { $0.reduce(0, +) / Double($0.count) }
        #expect(out.map { $0.isNaN ? -1 : $0 } == [1, 6, -1, 6])
    }

    @Test func orthogonalPolynomialsAsR() throws {
        let x: [Double] = [1, 2, 4, 7, 11]
        let p = try DataTransform.poly(degree: 2, column: 0).parameters(for: x)
        let first = DataTransform.poly(degree: 2, column: 0).apply(x, parameters: p)
        let second = DataTransform.poly(degree: 2, column: 1).apply(x, parameters: p)
        let r1 = [-0.49236596391733101, -0.36927447293799798, -0.12309149097933275, 0.24618298195866542, 0.73854894587599640]
        let r2 = [0.475997296813150672, 0.079332882802191779, -0.449553002545753366, -0.581774473882739507, 0.475997296813150617]
        for (a, b) in zip(first + second, r1 + r2) { #expect(abs(a - b) < 1e-12) }
        // New data reuse the fitted coefficients (R's predict.poly).
        let new = DataTransform.poly(degree: 2, column: 1).apply([3, 20], parameters: p)
        #expect(abs(new[0] - -0.22918388365077616) < 1e-12 && abs(new[1] - 8.01262116302136818) < 1e-11)
    }

    @Test func scaleAsR() throws {
        let x: [Double] = [1, 2, 4, 7, 11]
        let s = DataTransform.scale.apply(x, parameters: try DataTransform.scale.parameters(for: x))
        let r = [-0.98473192783466179, -0.73854894587599640, -0.24618298195866545, 0.49236596391733090, 1.47709789175199280]
        for (a, b) in zip(s, r) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func contrastsNameTheirColumnsAsPatsy() throws {
        let d = try DataFrame(columns: [Column(name: "y", numbers: [1, 2, 3, 4, 5, 6]),
                                        Column(name: "M", strings: ["a", "b", "c", "a", "b", "c"])])
        let sum = try ModelFrame(formula: Formula("y ~ C(M, Sum)"), data: d).fixedDesign
        #expect(sum.columnNames == ["Intercept", "C(M, Sum)[S.a]", "C(M, Sum)[S.b]"])
        #expect(Array(sum.column(1)) == [1, 0, -1, 1, 0, -1])
        let full = try ModelFrame(formula: Formula("y ~ 0 + C(M, Sum)"), data: d).fixedDesign
        #expect(full.columnNames == ["C(M, Sum)[mean]", "C(M, Sum)[S.a]", "C(M, Sum)[S.b]"])
        let treat = try ModelFrame(formula: Formula("y ~ C(M, Treatment(\"b\"))"), data: d).fixedDesign
        #expect(treat.columnNames == ["Intercept", "C(M, Treatment(\"b\"))[T.a]", "C(M, Treatment(\"b\"))[T.c]"])
    }
}
