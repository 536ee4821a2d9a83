package org.ams.escrow;

/**
 * The encrypted secrets export, ready to be handed to an administrator as a file: JSON Lines, one sealed secret per
 * line with what it unlocks (README, "Disaster recovery"). Holds envelopes only, never plaintext.
 *
 * @param fileName the name to save it under, dated so that successive exports sort
 * @param content the file's bytes (UTF-8)
 */
public record DisasterRecoveryExport(String fileName, byte[] content) {

    public static final String CONTENT_TYPE = "application/jsonl";
}
