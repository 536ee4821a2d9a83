package org.ams.keyimport;

import java.util.List;

/**
 * How a run went.
 *
 * @param ran      false when it did not run (another run holds the directory, the import is off)
 * @param complete whether it read its whole window; false when it stopped part way (page limit, failure), and the
 *                 next run resumes it
 * @param counts   what this call did (a resumed run's earlier part is not in it)
 * @param pages    pages read in this call
 * @param problem  why it failed or did not run, in plain words; {@code null} otherwise
 */
public record KeyImportRun(boolean ran, boolean complete, boolean full, boolean resumed, ImportCounts counts,
                           int pages, List<String> errors, String problem) {

    static KeyImportRun notRun(String why) {
        return new KeyImportRun(false, false, false, false, ImportCounts.NONE, 0, List.of(), why);
    }
}
