import FlyingFox
import Foundation

/// `mixdown serve`: an HTTP server on 127.0.0.1 only that serves the live site from memory and
/// makes open pages reload when a lesson or its data changes (each page holds a WebSocket to
/// `/__mixdown/ws`, which sends the site's version whenever it changes).
public struct PreviewServer {
    public let configuration: SiteConfiguration
    public let port: UInt16
    let report: @Sendable (String) -> Void

    public init(configuration: SiteConfiguration, port: UInt16, report: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.port = port
        self.report = report
    }

    public func run() async throws {
        let site = PreviewSite(configuration: configuration, report: report)
        await site.rebuildAll()
        let liveScript = (try? TemplateSet(overrides: configuration.templates))?.liveScript
            ?? Data((BuiltInTemplates.files[TemplateSet.liveScriptName] ?? "").utf8)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 60)

        await server.appendRoute("GET /__mixdown/live.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                         body: liveScript)
        }
        await server.appendRoute("GET /__mixdown/ws",
                                 to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: ReloadNotifier(site: site))))
        await server.appendRoute("GET *") { request in
            var path = String(request.path.drop { $0 == "/" })
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            guard let data = await site.files[path] else {
                // The site's own 404 page, as a static host would serve it.
                if let page = await site.files["404.html"] {
                    return HTTPResponse(statusCode: .notFound, headers: [.contentType: Self.contentType("404.html")], body: page)
                }
                return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain"], body: Data("not found: \(path)\n".utf8))
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: Self.contentType(path), .init("Cache-Control"): "no-store"], body: data)
        }

        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 300_000_000)
                await site.refresh()
            }
        }
        defer { watcher.cancel() }
        report("serving http://127.0.0.1:\(port)/ (Ctrl-C to stop); watching \(configuration.tutorial.path)")
        try await server.run()
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "xml": return "application/xml"
        case "md": return "text/markdown; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        default: return "application/octet-stream"
        }
    }
}

/// Sends the preview site's version to a connected page whenever it changes.
struct ReloadNotifier: WSMessageHandler {
    let site: PreviewSite

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let site = self.site
        return AsyncStream { continuation in
            let watcher = Task {
                var sent = -1
                while !Task.isCancelled {
                    let version = await site.version
                    if version != sent {
                        continuation.yield(.text(String(version)))
                        sent = version
                    }
                    try? await Task.sleep(nanoseconds: 250_000_000)
                }
                continuation.finish()
            }
            let reader = Task {                  // the page went away: stop watching
                for await _ in client {}
                watcher.cancel()
            }
            continuation.onTermination = { _ in watcher.cancel(); reader.cancel() }
        }
    }
}
