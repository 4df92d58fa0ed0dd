package io.leadbridge.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** The rule of {@link PlainText}, for checks outside Bean Validation too. */
public final class PlainTexts {

    private PlainTexts() {}

    /** Whether the text is one line of plain text. */
    public static boolean singleLine(CharSequence text) {
        return plain(text, false);
    }

    /** Whether the text is plain text of one or more lines (tab, CR and LF allowed). */
    public static boolean multiLine(CharSequence text) {
        return plain(text, true);
    }

    private static boolean plain(CharSequence text, boolean multiline) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                if (!(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                return false;
            }
        }
        return true;
    }

    /** The validator of {@link PlainText}. */
    public static class Check implements ConstraintValidator<PlainText, CharSequence> {
        private boolean multiline;

        @Override
        public void initialize(PlainText annotation) {
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return plain(value, multiline);
        }
    }
}
