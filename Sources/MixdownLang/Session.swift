import Foundation

/// One lesson's interpreter state: cells run in order and share variables.
public final class Session {
    private let context: SessionContext
    private let interpreter: Interpreter

    /// - Parameters:
    ///   - lessonName: the lesson's file name (e.g. "lmm.md"), used in error locations.
    ///   - lessonDirectory: the folder of the lesson; `read_csv` paths are relative to it.
    ///   - tutorialRoot: no file outside this folder may be read.
    public init(lessonName: String, lessonDirectory: URL, tutorialRoot: URL) {
        context = SessionContext(lessonName: lessonName, lessonDirectory: lessonDirectory, tutorialRoot: tutorialRoot)
        interpreter = Interpreter(context: context)
    }

    /// Files read so far (CSV), for live reload.
    public private(set) var filesRead: [URL] = []

    /// Runs one cell. `firstLine` is the 1-based line in the lesson file of the cell's first source line.
    public func run(_ source: String, firstLine: Int) -> CellRunResult {
        context.outputs = []
        defer { filesRead = context.filesRead }
        let statements: [Stmt]
        do {
            statements = try Parser.parse(source, file: context.lessonName, firstLine: firstLine)
        } catch let error as LangError {
            for name in Session.assignedNames(in: source) { interpreter.failedDefinitions[name] = error.location }
            return CellRunResult(outputs: [], error: error)
        } catch {
            let loc = SourceLocation(file: context.lessonName, line: firstLine, column: 1)
            return CellRunResult(outputs: [], error: LangError("\(error)", at: loc))
        }
        for (i, stmt) in statements.enumerated() {
            do {
                if let value = try interpreter.execute(stmt) {
                    context.outputs += try Display.outputs(for: value, interpreter: interpreter, at: stmt.location)
                }
            } catch {
                let langError = (error as? LangError)
                    ?? LangError("\(error)", at: stmt.location)
                for case .assign(let name, _, _) in statements[i...] {
                    if interpreter.globals.variables[name] == nil || isAssigned(statements[i], name) {
                        interpreter.globals.variables[name] = nil
                        interpreter.failedDefinitions[name] = langError.location
                    }
                }
                return CellRunResult(outputs: context.outputs, error: langError)
            }
        }
        return CellRunResult(outputs: context.outputs, error: nil)
    }

    /// Evaluates one expression written in prose (`` `{lmm} expr` ``) with this session's
    /// variables, as the cells above it left them. `location` is where `expression` starts in
    /// the lesson. Returns the value as `{x}` in a string shows it, or the located error.
    public func evaluateInline(_ expression: String, at location: SourceLocation) -> Result<String, LangError> {
        do {
            return .success(Display.text(try evaluateValue(expression, at: location)))
        } catch let error as LangError {
            return .failure(error)
        } catch {
            return .failure(LangError("\(error)", at: location))
        }
    }

    /// The value of one expression in this session (errors are located from `location`).
    public func evaluateValue(_ expression: String, at location: SourceLocation) throws -> Value {
        let expr = try Parser.parseExpression(expression, file: location.file, at: location)
        return try interpreter.evaluate(expr, in: interpreter.globals)
    }

    private func isAssigned(_ stmt: Stmt, _ name: String) -> Bool {
        if case .assign(let n, _, _) = stmt { return n == name }
        return false
    }

    /// Names assigned at the start of lines (`name = …`), for cells that do not parse.
    static func assignedNames(in source: String) -> [String] {
        source.split(separator: "\n").compactMap { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard let eq = t.firstIndex(of: "=") else { return nil }
            let name = t[..<eq].trimmingCharacters(in: .whitespaces)
            let after = t[t.index(after: eq)...]
            guard !name.isEmpty, !after.hasPrefix("="),
                  name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }),
                  name.first.map({ !$0.isNumber }) ?? false else { return nil }
            return name
        }
    }
}
