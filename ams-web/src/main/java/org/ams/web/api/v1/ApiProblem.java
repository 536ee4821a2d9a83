package org.ams.web.api.v1;

/** A refusal of an API call, answered as {@code {"code","message"}} with its HTTP status ({@link ApiProblems}). */
public class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The answer to an unknown computer, and to one the caller may not see: the two must not be told apart. */
    static final String NOT_FOUND_MESSAGE = "There is no computer with this id that you may see.";

    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiProblem notFound() {
        return new ApiProblem(404, "NOT_FOUND", NOT_FOUND_MESSAGE);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
