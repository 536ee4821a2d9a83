package org.ams.keyimport;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The {@code uSNChanged} window one run reads: every recovery information object with {@code floor < uSNChanged}
 * and, when the domain controller publishes its {@code highestCommittedUSN}, {@code uSNChanged <= ceiling}.
 * <p>
 * USNs are local to a domain controller: the highest one imported means nothing to another controller, and one that
 * went backwards (a controller restored from a backup) would hide changes. Both start a full scan, as does the first
 * run, an administrator's Full scan and a week without one (only a full scan notices deletions).
 *
 * @param runId   the run this window belongs to; a resumed run keeps the interrupted one's
 * @param resumed whether this continues a run that stopped part way
 * @param reason  why the run is full or incremental, in words for the run's record
 */
public record SyncWindow(UUID runId, boolean full, boolean resumed, String dcIdentity, long floor, Long ceiling,
                         String reason) {

    static final Duration FULL_SCAN_EVERY = Duration.ofDays(7);

    /** The sync state kept for a directory between runs, and the run under way if one stopped part way. */
    record State(Long highestUsn, String dcIdentity, OffsetDateTime lastFullScanAt, UUID runId, Boolean runFull,
                 String runDcIdentity, Long runFloor, Long runCeiling) {
    }

    /**
     * @param dcIdentity          the domain controller answering now ({@code dsServiceName}, else the server's address)
     * @param highestCommittedUsn its {@code highestCommittedUSN}; {@code null} when it does not publish one
     */
    static SyncWindow decide(State state, String dcIdentity, Long highestCommittedUsn, boolean fullRequested,
                             OffsetDateTime now) {
        if (state.runId() != null && dcIdentity.equals(state.runDcIdentity())
                && (!fullRequested || Boolean.TRUE.equals(state.runFull()))) {
            return new SyncWindow(state.runId(), Boolean.TRUE.equals(state.runFull()), true, dcIdentity,
                    state.runFloor() == null ? 0 : state.runFloor(), state.runCeiling(),
                    "resumes the run that stopped part way");
        }
        String fullBecause = fullScanReason(state, dcIdentity, highestCommittedUsn, fullRequested, now);
        UUID runId = UUID.randomUUID();
        if (fullBecause != null) {
            return new SyncWindow(runId, true, false, dcIdentity, 0, highestCommittedUsn, "full scan: " + fullBecause);
        }
        return new SyncWindow(runId, false, false, dcIdentity, state.highestUsn(), highestCommittedUsn,
                "incremental: changes after USN " + state.highestUsn());
    }

    private static String fullScanReason(State state, String dcIdentity, Long highestCommittedUsn,
                                         boolean fullRequested, OffsetDateTime now) {
        if (state.highestUsn() == null || state.dcIdentity() == null) {
            return "first import";
        }
        if (!state.dcIdentity().equals(dcIdentity)) {
            return "the domain controller changed from " + state.dcIdentity() + " to " + dcIdentity;
        }
        if (highestCommittedUsn != null && highestCommittedUsn < state.highestUsn()) {
            return "the domain controller's USN went backwards (" + highestCommittedUsn + " < " + state.highestUsn()
                    + ")";
        }
        if (fullRequested) {
            return "requested";
        }
        if (state.lastFullScanAt() == null || state.lastFullScanAt().plus(FULL_SCAN_EVERY).isBefore(now)) {
            return "none in the last " + FULL_SCAN_EVERY.toDays() + " days";
        }
        return null;
    }

    /** The highest USN imported once the whole window was read. */
    long watermark(Long maxUsnRead) {
        if (ceiling != null) {
            return ceiling;
        }
        return Math.max(floor, maxUsnRead == null ? floor : maxUsnRead);
    }
}
