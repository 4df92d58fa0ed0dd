package io.leadbridge.lead;

import java.util.List;

/**
 * Another module's filter on the lead list (the criteria's "qualified or not"): the lead module asks each contributor
 * for an SQL condition and adds it to the list's (and the export's) query, without knowing what it reads.
 */
public interface LeadFilterContributor {

    /**
     * The SQL condition that keeps the leads this query asks for, over the lead as {@code l} (reading only the
     * contributor's own tables or published views, with {@code ?} placeholders whose values it appends to {@code
     * parameters} in order); null when the query asks nothing of this contributor.
     */
    String condition(LeadQuery query, List<Object> parameters);
}
