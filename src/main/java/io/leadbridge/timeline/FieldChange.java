package io.leadbridge.timeline;

/** One field of a lead, before and after an edit, as the timeline shows it. */
public record FieldChange(String field, String before, String after) {}
