/// `sitemap.xml` (the sitemaps.org protocol): one `<url><loc>` per page, absolute addresses
/// under the site's published address, in site order. No `<lastmod>`: the output is
/// deterministic and carries no dates.
enum Sitemap {
    static func xml(siteURL: String, pages: [String]) -> String {
        let base = siteURL.hasSuffix("/") ? siteURL : siteURL + "/"
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            let address = page == "index.html" ? base : base + page
            xml += "<url><loc>\(escapeHTML(address))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
