package org.ams.keyimport;

import java.util.List;

/**
 * How a run went.
 *
 * @param ran      false when it did not run (another run holds the directory, the import is off)
 * @param complete whether it read its whole window; false when it stopped part way (page limit, failure), and the
 *                 next run resumes it
 * @param counts   what the run did: a finished run's totals, its earlier part included when it was resumed; a
 *                 run that stopped, what this call did
 * @param pages    pages read in this call
 * @param problem  why it failed or did not run, in plain words; {@code null} otherwise
 */
public record KeyImportRun(boolean ran, boolean complete, boolean full, boolean resumed, ImportCounts counts,
                           int pages, List<String> errors, String problem) {

    static KeyImportRun notRun(String why) {
        return new KeyImportRun(false, false, false, false, ImportCounts.NONE, 0, List.of(), why);
    }
}
