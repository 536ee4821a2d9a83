package org.ams.keyimport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The BitLocker key import of one directory source: what an administrator set (search bases, interval, where
 * imported computers land), the sync state (the domain controller last read and the highest {@code uSNChanged}
 * imported from it), the run under way (its window and counts, so that it resumes) and the last run's outcome.
 */
@Entity
@Table(name = "directory_key_import")
@NamedQuery(name = DirectoryKeyImport.ALL, query = "SELECT i FROM DirectoryKeyImport i")
public class DirectoryKeyImport {

    static final String ALL = "DirectoryKeyImport.all";
    static final int MAX_ERRORS = 4000;

    @Id
    @Column(name = "directory_source_id")
    private UUID directorySourceId;

    @Column(nullable = false)
    private boolean enabled;

    /** One DN per line. */
    @Column(name = "search_bases", nullable = false, length = 4000)
    private String searchBases;

    @Column(name = "interval_minutes", nullable = false)
    private int intervalMinutes;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "device_directory_id", nullable = false)
    private UUID deviceDirectoryId;

    /** Text, as every id here that may be null: EclipseLink's UUID converter cannot read a NULL UUID. */
    @Column(name = "device_group_id", length = 36)
    private String deviceGroupId;

    @Column(name = "dc_identity", length = 1024)
    private String dcIdentity;

    @Column(name = "highest_usn")
    private Long highestUsn;

    @Column(name = "last_full_scan_at")
    private OffsetDateTime lastFullScanAt;

    @Column(name = "run_id", length = 36)
    private String runId;

    @Column(name = "run_full")
    private Boolean runFull;

    @Column(name = "run_dc_identity", length = 1024)
    private String runDcIdentity;

    @Column(name = "run_usn_floor")
    private Long runUsnFloor;

    @Column(name = "run_usn_ceiling")
    private Long runUsnCeiling;

    @Column(name = "run_max_usn")
    private Long runMaxUsn;

    @Column(name = "run_started_at")
    private OffsetDateTime runStartedAt;

    @Column(name = "run_counts", length = 400)
    private String runCounts;

    @Column(name = "run_errors", length = MAX_ERRORS)
    private String runErrors;

    @Column(name = "claim_token", length = 36)
    private String claimToken;

    @Column(name = "claimed_until")
    private OffsetDateTime claimedUntil;

    /** The server process holding the claim ({@link org.ams.platform.ServerInstance#process()}). */
    @Column(name = "claimed_by", length = 80)
    private String claimedBy;

    @Column(name = "last_run_at")
    private OffsetDateTime lastRunAt;

    @Column(name = "last_run_summary", length = 1000)
    private String lastRunSummary;

    @Column(name = "last_run_errors", length = MAX_ERRORS)
    private String lastRunErrors;

    @Column(name = "last_run_failed", nullable = false)
    private boolean lastRunFailed;

    @Version
    private long version;

    protected DirectoryKeyImport() {
    }

    DirectoryKeyImport(UUID directorySourceId) {
        this.directorySourceId = directorySourceId;
    }

    void configure(KeyImportSettings settings, UUID deviceDirectoryId) {
        this.enabled = settings.enabled();
        this.searchBases = String.join("\n", settings.searchBases());
        this.intervalMinutes = settings.intervalMinutes();
        this.tenantId = settings.tenantId();
        this.deviceDirectoryId = deviceDirectoryId;
        this.deviceGroupId = text(settings.deviceGroupId());
    }

    SyncWindow.State syncState() {
        return new SyncWindow.State(highestUsn, dcIdentity, lastFullScanAt, uuid(runId), runFull, runDcIdentity,
                runUsnFloor, runUsnCeiling);
    }

    void begin(SyncWindow window) {
        this.runId = text(window.runId());
        this.runFull = window.full();
        this.runDcIdentity = window.dcIdentity();
        this.runUsnFloor = window.floor();
        this.runUsnCeiling = window.ceiling();
        this.runMaxUsn = null;
        this.runStartedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.runCounts = null;
        this.runErrors = null;
    }

    /** A page of the run under way is in: its counts, the highest USN it read and its problems are kept. */
    void pageDone(ImportCounts counts, long maxUsn, List<String> errors) {
        this.runCounts = runCounts().plus(counts).stored();
        this.runMaxUsn = runMaxUsn == null ? maxUsn : Math.max(runMaxUsn, maxUsn);
        this.runErrors = appended(runErrors, errors);
    }

    /** The run read its whole window: the next run reads from where this one ended. */
    void finish(long watermark, boolean full, String summary) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        this.highestUsn = watermark;
        this.dcIdentity = runDcIdentity;
        if (full) {
            this.lastFullScanAt = now;
        }
        this.lastRunAt = now;
        this.lastRunSummary = summary;
        this.lastRunErrors = runErrors;
        this.lastRunFailed = false;
        this.runId = null;
        this.runFull = null;
        this.runDcIdentity = null;
        this.runUsnFloor = null;
        this.runUsnCeiling = null;
        this.runMaxUsn = null;
        this.runStartedAt = null;
        this.runCounts = null;
        this.runErrors = null;
    }

    /** The run stopped part way (page limit, failure): its window and counts stay, so the next run resumes it. */
    void interrupted(String summary, String problem) {
        this.lastRunAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.lastRunSummary = summary;
        this.lastRunFailed = problem != null;
        this.lastRunErrors = problem == null ? runErrors : appended(null, List.of(problem));
    }

    ImportCounts runCounts() {
        return ImportCounts.parse(runCounts);
    }

    private static String appended(String existing, List<String> more) {
        StringBuilder text = new StringBuilder(existing == null ? "" : existing);
        for (String line : more) {
            String next = (text.length() == 0 ? "" : "\n") + line;
            if (text.length() + next.length() > MAX_ERRORS - 40) {
                if (!text.toString().endsWith("(more not kept)")) {
                    text.append("\n... (more not kept)");
                }
                break;
            }
            text.append(next);
        }
        return text.length() == 0 ? null : text.toString();
    }

    public UUID getDirectorySourceId() {
        return directorySourceId;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public List<String> getSearchBases() {
        return Arrays.stream(searchBases.split("\n")).filter(base -> !base.isBlank()).toList();
    }

    public int getIntervalMinutes() {
        return intervalMinutes;
    }

    public UUID getTenantId() {
        return tenantId;
    }

    public UUID getDeviceDirectoryId() {
        return deviceDirectoryId;
    }

    public UUID getDeviceGroupId() {
        return uuid(deviceGroupId);
    }

    static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }

    public String getDcIdentity() {
        return dcIdentity;
    }

    public Long getHighestUsn() {
        return highestUsn;
    }

    public OffsetDateTime getLastFullScanAt() {
        return lastFullScanAt;
    }

    /** Whether a run stopped part way and the next one resumes it. */
    public boolean isRunUnfinished() {
        return runId != null;
    }

    public OffsetDateTime getLastRunAt() {
        return lastRunAt;
    }

    public String getLastRunSummary() {
        return lastRunSummary;
    }

    /** The last run's problems (invalid recovery information, a directory that did not answer), one per line. */
    public String getLastRunErrors() {
        return lastRunErrors;
    }

    public boolean isLastRunFailed() {
        return lastRunFailed;
    }

    Long runMaxUsnValue() {
        return runMaxUsn;
    }

    String runErrorsValue() {
        return runErrors;
    }

    void release() {
        this.claimToken = null;
        this.claimedUntil = null;
        this.claimedBy = null;
    }

    String getClaimedBy() {
        return claimedBy;
    }

    String getClaimToken() {
        return claimToken;
    }

    OffsetDateTime getClaimedUntil() {
        return claimedUntil;
    }
}
