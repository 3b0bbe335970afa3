import Foundation
import MixdownStats

/// `value.name`: columns of frames and tables, the parts of named vectors, model members
/// and methods of comparison tables.
enum Members {
    static func member(of value: Value, name: String, at loc: SourceLocation,
                       interpreter: Interpreter) throws -> Value {
        switch value {
        case .frame(let f), .preview(let f, _):
            if let c = f.column(named: name) { return .column(c) }
            if name == "columns" { return .list(f.columnNames.map(Value.string)) }
            throw LangError("the data frame has no column '\(name)'", at: loc,
                            hint: Suggest.hint(for: name, in: f.columnNames))
        case .column(let c):
            switch name {
            case "name": return .string(c.name)
            case "values": return c.listValue
            default: break
            }
            throw unknown(value, name, ["name", "values"], at: loc)
        case .mask(let m):
            switch name {
            case "name": return .string(m.name)
            case "values": return .list(m.values.map { $0.map(Value.bool) ?? .none })
            default: throw unknown(value, name, ["name", "values"], at: loc)
            }
        case .named(let n):
            switch name {
            case "names": return .list(n.names.map(Value.string))
            case "values": return .list(n.values.map(Value.number))
            default: break
            }
            if n[name] != nil {
                throw LangError("the named vector has no member '\(name)'; to take the entry, write [\"\(name)\"]", at: loc)
            }
            throw unknown(value, name, ["names", "values"], at: loc)
        case .comparison(let c):
            return try c.member(name, at: loc)
        case .model(let m):
            return try m.member(name, at: loc)
        default:
            throw unknown(value, name, [], at: loc)
        }
    }

    static func unknown(_ value: Value, _ name: String, _ known: [String], at loc: SourceLocation) -> LangError {
        LangError("\(value.typeDescription.capitalizedFirst) has no member '\(name)'", at: loc,
                  hint: Suggest.hint(for: name, in: known))
    }
}
