package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.Bundles;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The wording of both bundles: a count of one reads "1 lead", not "1 leads" (choice formats), and the German bundle
 * calls a version of the criteria or the funnel one word everywhere, without English leftovers.
 */
class WordingTests {

    /** A count of one followed by a plural: "1 leads", "1 Leads", "1 rows", "1 Zeilen"… */
    static final Pattern ONE_AND_A_PLURAL = Pattern.compile(
            "(?<![\\d.,])1 (leads|Leads|rows|Zeilen|seconds|Sekunden|minutes|days|Tagen|times|deals|Aufträge|people|Personen)\\b");

    static List<String> onePlurals(Properties bundle, Locale locale) {
        Object[] ones = new Object[6];
        Arrays.fill(ones, 1);
        List<String> wrong = new ArrayList<>();
        bundle.forEach((key, message) -> {
            if (!((String) message).contains("{")) {
                return;
            }
            String text;
            try {
                text = new MessageFormat((String) message, locale).format(ones);
            } catch (IllegalArgumentException e) {
                return; // a message that takes no number
            }
            if (ONE_AND_A_PLURAL.matcher(text).find()) {
                wrong.add(key + " → " + text);
            }
        });
        return wrong;
    }

    @Test
    void aCountOfOneReadsInTheSingularInEnglishAndGerman() {
        assertThat(onePlurals(Bundles.english(), Locale.ENGLISH)).isEmpty();
        assertThat(onePlurals(Bundles.german(), Locale.GERMAN)).isEmpty();
    }

    @Test
    void theImportCountsReadWellForOneAndForMany() {
        Properties en = Bundles.english();
        Properties de = Bundles.german();
        assertThat(new MessageFormat(en.getProperty("import.importAll"), Locale.ENGLISH).format(new Object[] {1}))
                .isEqualTo("Import the 1 lead");
        assertThat(new MessageFormat(en.getProperty("import.done"), Locale.ENGLISH).format(new Object[] {1}))
                .isEqualTo("1 lead was imported.");
        assertThat(new MessageFormat(en.getProperty("import.done"), Locale.ENGLISH).format(new Object[] {1200}))
                .isEqualTo("1,200 leads were imported.");
        assertThat(new MessageFormat(de.getProperty("import.done"), Locale.GERMAN).format(new Object[] {1}))
                .isEqualTo("1 Lead wurde importiert.");
        assertThat(new MessageFormat(de.getProperty("import.importAll"), Locale.GERMAN).format(new Object[] {3}))
                .isEqualTo("Alle 3 Leads importieren");
    }

    @Test
    void germanCallsAVersionAVersionAndHasNoEnglishLeftovers() {
        List<String> wrong = new ArrayList<>();
        Bundles.german().forEach((key, message) -> {
            String text = (String) message;
            if (text.contains("Fassung") || text.matches("(?s).*\\b\\w+en of Done.*")) {
                wrong.add(key + " → " + text);
            }
        });
        assertThat(wrong).isEmpty();
    }
}
