package io.leadbridge.lead;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lead's stored values, from the entity ({@link Lead#stored()}) or from the lead page's one-statement SQL read
 * ({@link LeadReads#find}): the one place that builds a {@link LeadView}, so a new column is mapped into the view once.
 * The people's names are not stored with the lead; {@link #view} takes them.
 */
record StoredLead(
        long id,
        LeadInput data,
        Stage stage,
        Long ownerId,
        BigDecimal dealValue,
        Long createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Instant reEngagedAt,
        LeadOrigin origin) {

    /** The lead's name as pages show it: the person's name, or the e-mail address when there is no name. */
    static String displayName(String firstName, String lastName, String email) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? email : name;
    }

    LeadView view(String ownerName, String createdByName) {
        return new LeadView(
                id,
                data,
                displayName(data.getFirstName(), data.getLastName(), data.getEmail()),
                stage,
                ownerId,
                ownerName,
                dealValue,
                createdByName,
                createdAt,
                updatedAt,
                version,
                reEngagedAt,
                origin);
    }
}
