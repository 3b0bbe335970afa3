import ArgumentParser
import Foundation

// Usage errors exit with 2 (ArgumentParser's default is 64); help and version exit with 0.
do {
    var command = try Mixdown.parseAsRoot()
    if let serve = command as? Serve {       // the one async command
        try await serve.run()
    } else {
        try command.run()
    }
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = Mixdown.exitCode(for: error)
    if code == .success {
        Mixdown.exit(withError: error)
    }
    FileHandle.standardError.write(Data((Mixdown.fullMessage(for: error) + "\n").utf8))
    Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
}
