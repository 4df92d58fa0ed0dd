package io.leadbridge.mail;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.TenantManagement;
import io.leadbridge.tenant.Workspace;
import io.leadbridge.timeline.NotificationKind;
import io.leadbridge.timeline.NotificationKind.Delivery;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Each person's choices of mail: per kind of notification at once, in the daily digest or only in the app; the local
 * time of the digest in the workspace's time zone; the language of the mails. A person without a row has the
 * defaults. A change is made to the entity {@link MailSetting} only at the version the person saw (the loser is told;
 * a race at the commit fails on the version), a one-click unsubscribe an upsert of one kind only.
 */
@Service
public class MailPreferences {

    /** The languages a mail can be written in. */
    public static final List<String> LANGUAGES = List.of("en", "de");

    public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(8, 0);

    private final MailSettingRepository stored;
    private final ObjectMapper json;
    private final TenantManagement tenants;

    MailPreferences(MailSettingRepository stored, ObjectMapper json, TenantManagement tenants) {
        this.stored = stored;
        this.json = json;
        this.tenants = tenants;
    }

    /**
     * A person's settings: a choice for every kind, the digest time, the language they chose (empty: the workspace's)
     * and the version to send back with a change (0 while they have changed nothing; then one more than the row's).
     */
    public record Settings(
            Map<NotificationKind, Delivery> choices, LocalTime digestTime, Optional<String> language, long version) {

        public Delivery choice(NotificationKind kind) {
            return choices.getOrDefault(kind, kind.defaultDelivery());
        }
    }

    @Transactional(readOnly = true)
    public Settings of(long accountId) {
        return stored.findById(accountId)
                .map(setting -> new Settings(
                        choices(setting.choices()),
                        setting.digestTime(),
                        Optional.ofNullable(setting.language()),
                        setting.version() + 1))
                .orElseGet(() -> new Settings(choices("{}"), DEFAULT_DIGEST_TIME, Optional.empty(), 0));
    }

    /**
     * Saves a person's settings; answers false, changing nothing, when they were changed since {@code
     * expectedVersion} was read (on another page, or by a click on an unsubscribe link).
     */
    @Transactional
    public boolean change(
            long accountId,
            Map<NotificationKind, Delivery> choices,
            LocalTime digestTime,
            Optional<String> language,
            long expectedVersion) {
        language.ifPresent(code -> {
            if (!LANGUAGES.contains(code)) {
                throw new IllegalArgumentException("Not a language of the mails: " + code);
            }
        });
        Map<String, String> chosen = new java.util.TreeMap<>();
        choices.forEach((kind, delivery) -> chosen.put(kind.name(), delivery.name()));
        String text = json.writeValueAsString(chosen);
        Optional<MailSetting> found = stored.findById(accountId);
        if (found.isEmpty()) {
            if (expectedVersion != 0) {
                return false;
            }
            // Two first saves at once: the second's insert fails on the key, and its page says so.
            stored.saveAndFlush(new MailSetting(accountId, text, digestTime, language.orElse(null)));
            return true;
        }
        if (found.get().version() + 1 != expectedVersion) {
            return false;
        }
        // Written at the commit, where the version decides a race with a change meanwhile.
        found.get().change(text, digestTime, language.orElse(null));
        return true;
    }

    /**
     * One click on an unsubscribe link: that person's kind becomes "only in the app", nothing else changes. A digest's
     * link ({@code kind} empty) turns every kind the person has in the digest to "only in the app".
     */
    @Transactional
    public void unsubscribe(long accountId, Optional<NotificationKind> kind) {
        Settings settings = of(accountId);
        Map<String, String> chosen = new java.util.TreeMap<>();
        if (kind.isPresent()) {
            chosen.put(kind.get().name(), Delivery.APP_ONLY.name());
        } else {
            for (NotificationKind each : NotificationKind.values()) {
                if (settings.choice(each) == Delivery.DIGEST) {
                    chosen.put(each.name(), Delivery.APP_ONLY.name());
                }
            }
        }
        stored.mergeChoices(CurrentTenant.require(), accountId, json.writeValueAsString(chosen));
    }

    /** The language a person's mails are written in: theirs, else the workspace's (English when it is neither). */
    @Transactional(readOnly = true)
    public String languageOf(long accountId) {
        return of(accountId).language().orElseGet(this::workspaceLanguage);
    }

    /** The workspace's own language, as far as mails speak it. */
    @Transactional(readOnly = true)
    public String workspaceLanguage() {
        String locale = tenants.current().map(Workspace::defaultLocale).orElse("en");
        String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return LANGUAGES.contains(language) ? language : "en";
    }

    private Map<NotificationKind, Delivery> choices(String text) {
        Map<String, String> stored = json.readValue(text, new TypeReference<Map<String, String>>() {});
        Map<NotificationKind, Delivery> choices = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            Delivery delivery = kind.defaultDelivery();
            String chosen = stored.get(kind.name());
            if (chosen != null) {
                try {
                    delivery = Delivery.valueOf(chosen);
                } catch (IllegalArgumentException unknown) {
                    delivery = kind.defaultDelivery();
                }
            }
            choices.put(kind, delivery);
        }
        return choices;
    }
}
