import Foundation
import Testing
@testable import MixdownDocs

@Suite struct CheckTests {
    @Test func identicalSitesHaveNoDifferences() {
        let files = ["a.html": Data("<p>x</p>".utf8)]
        #expect(SiteChecker().differences(rendered: files, committed: files).isEmpty)
    }

    @Test func changedPageGivesAUnifiedDiff() {
        let old = ["a.html": Data("one\ntwo\nthree\nfour\n".utf8), "gone.html": Data()]
        let new = ["a.html": Data("one\ntwo\n3\nfour\nfive\n".utf8), "new.html": Data()]
        let report = SiteChecker().differences(rendered: new, committed: old)
        #expect(report.count == 3)
        #expect(report[0].hasPrefix("a.html: the page changed\n--- a.html (committed)"))
        #expect(report[0].contains("-three\n+3\n"))
        #expect(report[1] == "gone.html: in the output folder but no longer rendered (delete it, or run `mixdown build`)")
        #expect(report[2] == "new.html: rendered now but missing from the output folder")
    }

    private func results(coef: Double, p: Double, n: Double = 60, svg: String = "<circle cx=\"10.25\"/>") -> Data {
        Data("""
        {"lesson": "lmm.md", "cells": [{"index": 0, "line": 42, "ok": true, "label": "tbl-x", "outputs": [
          {"kind": "table", "columns": ["term", "coef", "std err", "P>|t|", "nobs"], "rows": [["edu", \(coef), 0.038, \(p), \(n)]]},
          {"kind": "figure", "svg": "\(svg.replacingOccurrences(of: "\"", with: "\\\""))", "description": ""}],
          "error": null}]}
        """.utf8)
    }

    @Test func resultsAreComparedWithTolerance() {
        let old = ["results/lmm.json": results(coef: 0.130716537618626, p: 0.0011020906791091578)]
        // Noise far below a standard error, a p value equal on the log scale, SVG within its last digit.
        let noise = ["results/lmm.json": results(coef: 0.130716537618627, p: 0.00110209067910916, svg: "<circle cx=\"10.26\"/>")]
        #expect(SiteChecker().differences(rendered: noise, committed: old).isEmpty)
    }

    @Test func realChangesAreLocated() {
        let old = ["results/lmm.json": results(coef: 0.130716537618626, p: 0.0011020906791091578)]
        let new = ["results/lmm.json": results(coef: 0.1312, p: 0.0011020906791091578, n: 59, svg: "<circle cx=\"11.5\"/>")]
        let report = SiteChecker().differences(rendered: new, committed: old)
        #expect(report.count == 3)
        #expect(report[0].hasPrefix("lmm.md:42: table 1 row 1 (\"edu\"), column \"coef\": 0.130716537618626 → 0.1312 (moved by 0.0127227 standard errors)"))
        #expect(report[1] == "lmm.md:42: table 1 row 1 (\"edu\"), column \"nobs\": 60.0 → 59.0 (whole numbers must match exactly)")
        #expect(report[2] == "lmm.md:42: figure 1 (tbl-x) changed: \"10.25\" → \"11.5\"")
    }

    /// The page as shipped is compared, cell output and figure SVG included: round-off in the
    /// last digit passes, markup that changed (an escaped title) does not.
    @Test func pagesAreComparedWithTheirFigures() {
        let page = { (cx: String, title: String) in
            Data("<figure>\n<svg id=\"fig-a\">\(title)<circle cx=\"\(cx)\"/></svg>\n<td title=\"0.130716537618626\">0.1307</td>\n</figure>\n".utf8)
        }
        let committed = ["a.html": page("10.25", "<title id=\"fig-a-title\">t</title>")]
        #expect(SiteChecker().differences(rendered: ["a.html": page("10.26", "<title id=\"fig-a-title\">t</title>")], committed: committed).isEmpty)
        let escaped = SiteChecker().differences(rendered: ["a.html": page("10.25", "&lt;title id=\"fig-a-title\">t&lt;/title>")], committed: committed)
        #expect(escaped.count == 1)
        #expect(escaped.first?.contains("line 2:") == true)
        let moved = SiteChecker().differences(rendered: ["a.html": page("11.5", "<title id=\"fig-a-title\">t</title>")], committed: committed)
        #expect(moved.first?.contains("\"10.25\" → \"11.5\"") == true)
    }
}
