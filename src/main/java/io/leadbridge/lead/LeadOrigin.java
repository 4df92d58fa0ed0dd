package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import java.util.UUID;

/**
 * Where a lead came from, kept with it from its creation on: the web form (typed in by {@code personId}), an API key
 * ({@code apiKeyId}, its name in {@code label}), a CSV import ({@code importId} by {@code personId}, the file's name in
 * {@code label}), the
 * demo data, or, for a lead from before origins were kept whose timeline does not tell, unknown.
 */
public record LeadOrigin(Kind kind, Long personId, UUID apiKeyId, Long importId, String label) {

    public enum Kind {
        FORM,
        API,
        IMPORT,
        SEED,
        UNKNOWN
    }

    static final int MAX_LABEL = 255;

    public LeadOrigin {
        kind = kind == null ? Kind.UNKNOWN : kind;
        label = label == null || label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL);
    }

    /** The origin of a lead that {@code actor} brings in through {@code channel} (from the import, for an import). */
    static LeadOrigin of(Actor actor, Channel channel, Long importId, String file) {
        return switch (channel) {
            case FORM -> new LeadOrigin(Kind.FORM, actor.personId(), null, null, null);
            case API -> new LeadOrigin(Kind.API, null, actor.apiKeyId(), null, actor.apiKeyName());
            case IMPORT -> new LeadOrigin(Kind.IMPORT, actor.personId(), null, importId, file);
        };
    }
}
