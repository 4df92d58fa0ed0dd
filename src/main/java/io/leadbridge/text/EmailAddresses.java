package io.leadbridge.text;

/** What LeadBridge takes for an e-mail address, in every form, the API and the CSV import alike. */
public final class EmailAddresses {

    /**
     * An address as people and systems write it (RFC 5322's dot-atom, with letters of any script): a local part of at
     * most 64 characters with no dot at either end and no two dots in a row, an {@code @}, and a domain of labels that
     * neither start nor end with a hyphen, ending in a top-level domain of letters (or an {@code xn--} one).
     * Surrounding spaces are allowed and dropped. No angle brackets, quotes, comments or IP literals.
     */
    public static final String REGEX = "^\\s*(?=[^@\\s]{1,64}@)"
            + "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
            + "@([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+(\\p{L}{2,63}|xn--[a-z0-9-]{1,59})\\s*$";

    /**
     * {@link #REGEX}, or nothing at all: for fields that are also {@code @NotBlank}, so that an empty field gets one
     * error ("please fill this in") rather than two.
     */
    public static final String REGEX_OR_BLANK = "^\\s*$|" + REGEX;

    private EmailAddresses() {}
}
