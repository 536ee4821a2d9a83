package org.ams.web.api.v1;

import java.util.UUID;

/** The query and path input every {@code /api/v1} resource reads the same way: a page, and an id in the path. */
final class ApiInput {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private ApiInput() {
    }

    /** One page: its first item and its size. */
    record Page(int first, int max) {
    }

    /** @throws ApiProblem 400 for an offset below 0 or a limit outside 1 to {@link #MAX_LIMIT} */
    static Page page(Integer offset, Integer limit) {
        int first = offset == null ? 0 : offset;
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (first < 0 || max < 1 || max > MAX_LIMIT) {
            throw new ApiProblem(400, "INVALID_REQUEST", "offset is 0 or more and limit 1 to " + MAX_LIMIT + ".");
        }
        return new Page(first, max);
    }

    /** An id in the path; one that is not an id answers as an unknown one does, with {@code notFound}. */
    static UUID id(String id, String notFound) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(404, "NOT_FOUND", notFound);
        }
    }
}
