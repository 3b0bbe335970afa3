import Foundation

extension Interpreter {
    func overlay(_ a: Value, _ b: Value, at loc: SourceLocation) throws -> Value? { nil }
    func specialMember(of value: Value, name: String, at loc: SourceLocation) throws -> Value {
        throw Members.unknown(value, name, [], at: loc)
    }
    func specialDisplay(_ value: Value) throws -> [CellOutput]? { nil }
}
extension Display { static func specialText(_ v: Value) -> String { v.typeDescription } }
extension ComparisonTable {
    func addMethod() -> Builtin { Builtin("add") { _ in .none } }
}
