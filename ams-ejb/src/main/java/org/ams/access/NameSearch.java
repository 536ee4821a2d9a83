package org.ams.access;

import java.util.List;

/**
 * The computers that carry a name, split by whether the user may see them. Only {@link #visible} is ever shown to
 * the user; {@link #notVisible} is for the audit record of a search that found nothing else.
 *
 * @param visible    the computers an authorization rule lets the user see
 * @param notVisible the others (deleted computers are in neither)
 */
public record NameSearch(List<ComputerCandidate> visible, List<ComputerCandidate> notVisible) {

    public NameSearch {
        visible = List.copyOf(visible);
        notVisible = List.copyOf(notVisible);
    }

    /** Computers carry the name, but none the user may see. */
    public boolean onlyNotVisible() {
        return visible.isEmpty() && !notVisible.isEmpty();
    }
}
