package io.leadbridge.support;

/** Texts for the limits of a form's fields. */
public final class Texts {

    private Texts() {}

    /**
     * A text of exactly {@code length} characters that starts with {@code start} (so that it is recognisable on the
     * page) and does not end in a space (which a form would strip).
     */
    public static String text(String start, int length) {
        String text = (start + " and more".repeat(length / 9 + 1)).substring(0, length);
        return text.endsWith(" ") ? text.substring(0, length - 1) + "x" : text;
    }
}
