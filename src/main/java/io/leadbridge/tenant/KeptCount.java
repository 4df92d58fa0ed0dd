package io.leadbridge.tenant;

import java.util.regex.Pattern;

/**
 * A count the database keeps (ADR 0018): the owner's triggers append each change to a delta table, readers add counts
 * and deltas, and the owner's fold function — {@code foldFunction(batch integer) returns integer}, the number of deltas
 * it folded — adds the deltas into the counts. A module declares each count it keeps as a bean; {@link KeptCountFolds}
 * folds them all every few seconds.
 *
 * @param label what is folded, for the log
 * @param foldFunction the SQL function's name (a plain identifier: it goes into the statement as one)
 */
public record KeptCount(String label, String foldFunction) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public KeptCount {
        if (!IDENTIFIER.matcher(foldFunction).matches()) {
            throw new IllegalArgumentException("Not a function name: " + foldFunction);
        }
    }
}
