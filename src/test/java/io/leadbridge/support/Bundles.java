package io.leadbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The application's message bundles as a test reads them: which keys they hold, and whether a text came from them. */
public final class Bundles {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*\\}");

    private Bundles() {}

    public static Properties english() {
        return load("messages.properties");
    }

    public static Properties german() {
        return load("messages_de.properties");
    }

    public static Properties of(Locale locale) {
        return locale.getLanguage().equals("de") ? german() : english();
    }

    private static Properties load(String name) {
        try (InputStream in = Bundles.class.getClassLoader().getResourceAsStream(name)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the text is one of the bundle's messages, its placeholders filled with anything. */
    public static boolean isMessageOf(Properties bundle, String text) {
        String plain = text.strip();
        return bundle.values().stream()
                .map(String.class::cast)
                .anyMatch(message -> pattern(message).matcher(plain).matches());
    }

    private static Pattern pattern(String message) {
        String text = message.replace("''", "'").strip();
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(text.substring(at, placeholder.start()))).append(".*");
            at = placeholder.end();
        }
        regex.append(Pattern.quote(text.substring(at)));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** HTML text as a reader sees it: tags dropped, the usual entities decoded, white space collapsed. */
    public static String text(String html) {
        String text = html.replaceAll("<[^>]+>", " ");
        for (List<String> entity : List.of(
                List.of("&#39;", "'"),
                List.of("&quot;", "\""),
                List.of("&lt;", "<"),
                List.of("&gt;", ">"),
                List.of("&amp;", "&"))) {
            text = text.replace(entity.get(0), entity.get(1));
        }
        return text.replaceAll("\\s+", " ").strip();
    }
}
