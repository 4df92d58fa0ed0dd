package io.leadbridge.account.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The 43,940 most common passwords that the password policy (12 to 128 characters) would otherwise let through, as ASVS
 * 5.0 (6.2.4) asks: {@code account/common-passwords.txt}, drawn from Mark Burnett's ten million passwords as SecLists
 * publishes them (source, licence and how it was made: {@code common-passwords.NOTICE.txt} beside it). Compared
 * case-insensitively and without surrounding spaces. Read once, on first use, into an immutable set (about 3 MB).
 */
final class CommonPasswords {

    static final String RESOURCE = "/account/common-passwords.txt";

    private CommonPasswords() {}

    /** Whether the password is one of the list, ignoring case and surrounding spaces. */
    static boolean contains(String password) {
        return password != null && Holder.LIST.contains(normalized(password));
    }

    static int size() {
        return Holder.LIST.size();
    }

    private static String normalized(String password) {
        return password.strip().toLowerCase(Locale.ROOT);
    }

    private static final class Holder {
        static final Set<String> LIST = load();

        private static Set<String> load() {
            try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing");
                }
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    return lines.lines()
                            .map(CommonPasswords::normalized)
                            .filter(line -> !line.isEmpty())
                            .collect(Collectors.toUnmodifiableSet());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
