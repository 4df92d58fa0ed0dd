package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.Bundles;
import io.leadbridge.timeline.NotificationKind.Delivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every notification's text belongs to exactly one kind, so a person's choice of mail covers it: the keys of the
 * bundles' notification texts, and every {@code "notification.…"} key the code passes to {@link Notifications}.
 */
class NotificationKindTests {

    /** Keys starting with {@code notification.} that are no notification's text (none today). */
    static final Set<String> NOT_NOTIFICATION_TEXTS = Set.of();

    @Test
    void everyNotificationTextOfBothBundlesHasAKind() {
        for (Properties bundle : List.of(Bundles.english(), Bundles.german())) {
            Set<String> withoutKind = new TreeSet<>();
            for (String key : bundle.stringPropertyNames()) {
                if (key.startsWith("notification.")
                        && !NOT_NOTIFICATION_TEXTS.contains(key)
                        && NotificationKind.of(key).isEmpty()) {
                    withoutKind.add(key);
                }
            }
            assertThat(withoutKind)
                    .as("notification texts without a NotificationKind")
                    .isEmpty();
        }
    }

    @Test
    void everyNotificationKeyTheCodeUsesHasAKind() throws IOException {
        Pattern key = Pattern.compile("\"(notification\\.[A-Za-z]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/leadbridge"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher match = key.matcher(Files.readString(file));
                while (match.find()) {
                    used.add(match.group(1));
                }
            }
        }
        assertThat(used).contains("notification.handedToYou", "notification.mentioned");
        // A key the code builds ("notification.proposalWaiting" + "Funnel") is covered by the bundle's test above.
        assertThat(used.stream().filter(k -> NotificationKind.of(k).isEmpty()))
                .as("keys passed to Notifications.notify without a kind")
                .isEmpty();
    }

    @Test
    void eachKeyHasOneKindAndTheDefaultsAreWhatARepWouldChoose() {
        List<String> keys = Arrays.stream(NotificationKind.values())
                .flatMap(kind -> kind.messageKeys().stream())
                .toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys).contains("notification.dueSoon", "notification.reEngaged", "notification.webhookDisabled");
        assertThat(NotificationKind.HANDED_TO_YOU.defaultDelivery()).isEqualTo(Delivery.INSTANT);
        assertThat(NotificationKind.of("notification.handedBack")).contains(NotificationKind.HANDED_TO_YOU);
        assertThat(NotificationKind.of("notification.proposalOutdatedFunnel")).contains(NotificationKind.PROPOSAL);
        assertThat(NotificationKind.PROPOSAL.defaultDelivery()).isEqualTo(Delivery.DIGEST);
        assertThat(NotificationKind.of("notification.unknown")).isEmpty();
    }
}
