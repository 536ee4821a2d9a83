package org.ams.audit;

/** The file formats the audit log exports to. */
public enum AuditExportFormat {
    /** Comma-separated values with a header line, for spreadsheets; cells are defended against formula injection. */
    CSV("csv", "text/csv; charset=UTF-8"),
    /** One JSON object per line, for log tools and SIEMs. */
    JSON_LINES("jsonl", "application/jsonl; charset=UTF-8");

    private final String extension;
    private final String contentType;

    AuditExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
