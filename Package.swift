// swift-tools-version:6.0
// Mixdown: Markdown lessons with executable `lmm` cells about linear mixed models → a static site.
//
// Layers, bottom to top (each target may only import those below it):
//   C shims (CCmarkGFM, CLapack, CNLopt, CDist)
//   → MixdownStats (data frames, formulas, OLS, mixed models, distributions)
//   → MixdownCharts (SVG marks, scales, layouts; plain numbers only)
//   → MixdownLang (the cell language: lexer, parser, evaluator, values)
//   → MixdownDocs (Markdown, cells, templates, site, check, serve)
//   → mixdown (the command line: argument parsing only)
import PackageDescription

let package = Package(
    name: "Mixdown",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mixdown", targets: ["mixdown"]),
        .library(name: "MixdownStats", targets: ["MixdownStats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // MARK: C shims for system libraries
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLapack", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
        .systemLibrary(name: "CNLopt", pkgConfig: "nlopt", providers: [.apt(["libnlopt-dev"])]),
        .target(name: "CDist",
                linkerSettings: [.linkedLibrary("m"), .linkedLibrary("stdc++")]),

        // MARK: Statistics library
        .target(name: "MixdownStats", dependencies: ["CLapack", "CNLopt", "CDist"]),

        // MARK: Charts
        .target(name: "MixdownCharts"),

        // MARK: Cell language
        .target(name: "MixdownLang", dependencies: ["MixdownStats", "MixdownCharts"]),

        // MARK: Document engine
        .target(name: "MixdownDocs", dependencies: [
            "MixdownLang", "MixdownStats", "MixdownCharts", "CCmarkGFM",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),

        // MARK: Command line
        .executableTarget(name: "mixdown", dependencies: [
            "MixdownDocs", "MixdownStats",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Tests
        .testTarget(name: "MixdownStatsTests", dependencies: ["MixdownStats"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MixdownChartsTests", dependencies: ["MixdownCharts", "MixdownLang", "MixdownStats"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "MixdownLangTests", dependencies: ["MixdownLang", "MixdownStats"],
                    resources: [.copy("Cases")]),
        .testTarget(name: "mixdownTests", dependencies: ["mixdown"]),
        .testTarget(name: "MixdownDocsTests", dependencies: ["MixdownDocs", "MixdownCharts"],
                    resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5],
    cxxLanguageStandard: .cxx17
)
