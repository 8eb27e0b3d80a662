import FluentKit

/// Every migration in order. Append only: a shipped migration is never edited or reordered;
/// a mistake is undone by a new one (issue #2).
enum LoaMigrations {
    static let all: [any Migration] = [
        M001_CreateUnits(),
        M002_CreateSites(),
        M003_CreateUsers(),
        M004_CreateSecurityTables(),
        M005_CreateArticles(),
        M006_CreateCategories(),
        M007_ExtendArticles(),
        M008_CreateArticleTagsAndSlugs(),
        M009_CreateSearchIndex(),
        M010_CreateContentVersion(),
        M011_CreateRevisions(),
        M012_CreateArticleViews(),
        M013_CreatePages(),
        M014_CreateMedia(),
        M015_CreateSlides(),
        M016_CreateFormStashes(),
        M017_CreateSiteLinks(),
        M018_CreatePlans(),
        M019_CreateActivities(),
        M020_CreateProcedures(),
        M021_CreateProcedurePostings(),
        M022_CreateDocuments(),
        M023_CreateProcedureForms(),
        M024_CreateReportAttachments(),
        M025_CreateEventMaterials(),
        M026_AddPendingRevisions(),
    ]
}
