/// Decides the column order and the coding of each term exactly as patsy does:
/// terms are bucketed by their set of numeric factors (the bucket without
/// numeric factors first, then in order of appearance), sorted by degree
/// within a bucket, and each categorical factor gets treatment (reduced-rank)
/// coding unless a lower-order term is missing from the model, in which case
/// it is coded full-rank to keep the columns spanning the same space.
enum DesignPlanner {
    /// A factor tagged with full-rank (true) or reduced-rank (false) coding.
    private struct Coded: Hashable {
        let factor: Factor
        let fullRank: Bool
    }

    /// Plans the spec for `list` given each factor's coding (numeric or levels).
    static func plan(_ list: TermList, codings: [Factor: [String]?]) -> DesignSpec {
        func isNumeric(_ f: Factor) -> Bool { (codings[f] ?? nil) == nil }
        let allTerms = (list.intercept ? [Term(factors: [])] : []) + list.terms

        // Buckets by numeric-factor set.
        var bucketOrder: [Set<Factor>] = []
        var buckets: [Set<Factor>: [Term]] = [:]
        for t in allTerms {
            let key = Set(t.factors.filter(isNumeric))
            if buckets[key] == nil { bucketOrder.append(key) }
            buckets[key, default: []].append(t)
        }
        if let i = bucketOrder.firstIndex(of: []) {
            bucketOrder.remove(at: i)
            bucketOrder.insert([], at: 0)
        }

        var factorList: [DesignSpec.FactorCoding] = []
        var factorIndex: [Factor: Int] = [:]
        func index(of f: Factor) -> Int {
            if let i = factorIndex[f] { return i }
            factorIndex[f] = factorList.count
            factorList.append(DesignSpec.FactorCoding(factor: f, levels: codings[f] ?? nil))
            return factorList.count - 1
        }

        var parts: [[DesignSpec.Part]] = []
        var names: [String] = []
        var termNames: [String] = []
        var termColumns: [Range<Int>] = []
        var orderedTerms: [Term] = []
        for key in bucketOrder {
            let bucketTerms = stableSortedByDegree(buckets[key] ?? [])
            var used = Set<Set<Coded>>()
            for term in bucketTerms {
                let first = names.count
                for subterm in subterms(of: term, isNumeric: isNumeric, used: &used) {
                    // Factors of this subterm in term order, with their column choices.
                    var choices: [[(part: DesignSpec.Part?, name: String)]] = []
                    for f in term.factors {
                        let fi = index(of: f)
                        if isNumeric(f) {
                            choices.append([(DesignSpec.Part(factor: fi, level: -1), f.name)])
                        } else if let coded = subterm.first(where: { $0.factor == f }) {
                            choices.append(contrastColumns(f, index: fi, levels: (codings[f] ?? nil) ?? [], fullRank: coded.fullRank))
                        }
                    }
                    for combo in combinations(choices) {
                        parts.append(combo.compactMap(\.part))
                        names.append(combo.isEmpty ? "Intercept" : combo.map(\.name).joined(separator: ":"))
                    }
                }
                termNames.append(term.factors.isEmpty ? "Intercept" : term.name)
                termColumns.append(first..<names.count)
                orderedTerms.append(term)
            }
        }
        return DesignSpec(factors: factorList, parts: parts, columnNames: names,
                          termNames: termNames, termColumns: termColumns, terms: orderedTerms)
    }

    /// The columns of a categorical factor: treatment indicators (`[T.b]`, all levels but the
    /// reference) or sum-to-zero contrasts (`[S.a]`, all levels but the last, which is −1);
    /// full rank, indicators of every level (`[a]`), or for sum coding `[mean]` then `[S.…]`.
    private static func contrastColumns(_ f: Factor, index fi: Int, levels: [String],
                                        fullRank: Bool) -> [(part: DesignSpec.Part?, name: String)] {
        switch f.contrast {
        case .treatment(let reference):
            if fullRank { return levels.indices.map { (DesignSpec.Part(factor: fi, level: $0), "\(f.name)[\(levels[$0])]") } }
            let ref = reference.flatMap { levels.firstIndex(of: $0) } ?? 0
            return levels.indices.filter { $0 != ref }.map { (DesignSpec.Part(factor: fi, level: $0), "\(f.name)[T.\(levels[$0])]") }
        case .sum:
            let last = levels.count - 1
            let sums: [(part: DesignSpec.Part?, name: String)] = (0..<max(0, last)).map {
                (DesignSpec.Part(factor: fi, level: $0, sumAgainst: last), "\(f.name)[S.\(levels[$0])]")
            }
            return fullRank ? [(nil, "\(f.name)[mean]")] + sums : sums
        }
    }

    private static func stableSortedByDegree(_ terms: [Term]) -> [Term] {
        terms.enumerated().sorted {
            ($0.element.factors.count, $0.offset) < ($1.element.factors.count, $1.offset)
        }.map(\.element)
    }

    /// patsy's `pick_contrasts_for_term`: the subterms (sets of coded
    /// categorical factors) a term contributes, given those already used.
    private static func subterms(of term: Term, isNumeric: (Factor) -> Bool,
                                 used: inout Set<Set<Coded>>) -> [Set<Coded>] {
        let categorical = term.factors.filter { !isNumeric($0) }
        var subsets: [[Int]] = [[]]
        for i in categorical.indices {
            subsets += subsets.map { $0 + [i] }
        }
        subsets.sort { a, b in a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b) }
        var result: [Set<Coded>] = []
        for s in subsets {
            let sub = Set(s.map { Coded(factor: categorical[$0], fullRank: false) })
            if !used.contains(sub) { result.append(sub) }
        }
        for r in result { used.insert(r) }
        // Simplify: a longer subterm absorbs a shorter one it extends by one factor.
        var changed = true
        while changed {
            changed = false
            search: for i in result.indices {
                for j in (i + 1)..<result.count {
                    let short = result[i], long = result[j]
                    if long.count - short.count == 1 && long.isSuperset(of: short) {
                        let extra = long.subtracting(short).first!
                        var merged = short
                        merged.insert(Coded(factor: extra.factor, fullRank: true))
                        result[j] = merged
                        result.remove(at: i)
                        changed = true
                        break search
                    }
                }
            }
        }
        return result
    }

    /// All combinations, the left-most factor varying fastest (patsy/R order).
    private static func combinations<T>(_ choices: [[T]]) -> [[T]] {
        var out: [[T]] = [[]]
        for options in choices.reversed() {
            var next: [[T]] = []
            for prefix in out {
                for o in options { next.append(prefix + [o]) }
            }
            out = next
        }
        return out.map { $0.reversed() }
    }
}
