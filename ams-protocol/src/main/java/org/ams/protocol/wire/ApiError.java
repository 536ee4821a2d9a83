package org.ams.protocol.wire;

/** Every 4xx/5xx answer of the agent API: a stable code for programs and a sentence for people. */
public record ApiError(String code, String message) {
}
