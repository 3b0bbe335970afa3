/// Makes URL-fragment ids from heading text ("Load and look" → "load-and-look"), unique per page.
struct SlugMaker {
    private var used: [String: Int] = [:]

    mutating func slug(for text: String) -> String {
        var slug = ""
        var lastWasDash = true
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                slug.append(ch)
                lastWasDash = false
            } else if !lastWasDash {
                slug.append("-"); lastWasDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "section" }
        if let n = used[slug] {
            used[slug] = n + 1
            return "\(slug)-\(n + 1)"
        }
        used[slug] = 1
        return slug
    }

    /// Marks an id (e.g. a figure label) as taken so headings do not collide with it.
    mutating func reserve(_ id: String) { used[id] = used[id] ?? 1 }
}
