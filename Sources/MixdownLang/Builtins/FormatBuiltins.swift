import Foundation

/// Turning values into strings: `str(x)` and `format(x, ".3f")`.
enum FormatBuiltins {
    static func all() -> [Builtin] {
        [
            Builtin("str", [.required("x")]) { args in .string(Display.text(args["x"])) },
            Builtin("format", [.required("x"), .required("spec")]) { args in
                .string(try FormatSpec.apply(args["x"], spec: try args.string("spec"), at: args.location("spec")))
            },
        ]
    }
}
