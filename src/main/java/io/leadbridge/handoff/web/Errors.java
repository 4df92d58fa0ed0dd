package io.leadbridge.handoff.web;

import io.leadbridge.handoff.HandoffProblem;
import java.util.LinkedHashMap;
import java.util.Map;

/** Field errors for a template: field name → message code (the first per field). */
final class Errors {

    private Errors() {}

    static Map<String, String> of(HandoffProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (problem != null) {
            problem.fields().forEach(e -> errors.putIfAbsent(e.field(), e.code()));
        }
        return errors;
    }
}
