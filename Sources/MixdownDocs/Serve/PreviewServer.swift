import FlyingFox
import Foundation

/// `mixdown serve`: an HTTP server on 127.0.0.1 only that serves the live site from memory and
/// makes open pages reload when a lesson or its data changes (the page long-polls
/// `/__mixdown/wait?v=N`, which answers as soon as the site's version passes N).
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
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 60)

        await server.appendRoute("GET /__mixdown/live.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                         body: Data(Self.liveScript.utf8))
        }
        await server.appendRoute("GET /__mixdown/wait") { request in
            let seen = Int(request.query["v"] ?? "") ?? -1
            for _ in 0..<80 {                      // answer within 20 s at the latest
                let version = await site.version
                if version != seen { return Self.text("\(version)") }
                try await Task.sleep(nanoseconds: 250_000_000)
            }
            return Self.text("\(await site.version)")
        }
        await server.appendRoute("GET *") { request in
            var path = String(request.path.drop { $0 == "/" })
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            guard let data = await site.files[path] else {
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

    static func text(_ s: String) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", .init("Cache-Control"): "no-store"], body: Data(s.utf8))
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        default: return "application/octet-stream"
        }
    }

    /// The page side of live reload: wait for a new version, then reload, keeping the scroll position.
    static let liveScript = """
    (function () {
      var key = "mixdown-scroll:" + location.pathname;
      var saved = sessionStorage.getItem(key);
      if (saved !== null) { window.addEventListener("load", function () { window.scrollTo(0, +saved); }); sessionStorage.removeItem(key); }
      var version = null;
      function wait() {
        fetch("/__mixdown/wait?v=" + (version === null ? -1 : version), {cache: "no-store"})
          .then(function (r) { return r.text(); })
          .then(function (v) {
            if (version !== null && v !== version) {
              sessionStorage.setItem(key, String(window.scrollY));
              location.reload();
              return;
            }
            version = v;
            wait();
          })
          .catch(function () { setTimeout(wait, 1000); });
      }
      wait();
    })();
    """
}
