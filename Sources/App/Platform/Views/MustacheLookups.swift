import Mustache

// Pages that render on every request outside the page cache (the shell of each public page, the contest
// question page) answer swift-mustache's lookups directly instead of through `Mirror`: reflection was the
// largest single cost of rendering them in a profile of the contest benchmark (issue #12). Each answers
// every stored property by its name, and a nil optional as nil, as swift-mustache's `Mirror` lookup
// does; `MustacheLookupTests` checks that no property is missed.

extension PublicShell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "pageTitle": pageTitle
        case "description": description
        case "canonicalURL": canonicalURL
        case "siteName": siteName
        case "ownerName": ownerName
        case "homeHref": homeHref
        case "siteMapHref": siteMapHref
        case "searchHref": searchHref
        case "feedHref": feedHref
        case "menu": menu
        case "contact": contact
        case "breadcrumbs": breadcrumbs
        case "year": year
        default: nil
        }
    }
}

extension MenuItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension SiteContact: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "ownerAgency": ownerAgency
        case "responsiblePerson": responsiblePerson
        case "address": address
        case "phone": phone
        case "email": email
        default: nil
        }
    }
}
