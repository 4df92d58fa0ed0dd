package io.leadbridge.tenant;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Rows a module keeps for a while and then forgets, so that its table stays bounded: the owner's SQL function —
 * {@code forgetFunction(before timestamptz, limit integer) returns integer}, the number of rows it deleted — deletes
 * at most {@code limit} rows written before {@code before}, across all workspaces. A module declares each such table
 * as a bean; {@link OldRowsHousekeeping} calls them all every hour.
 *
 * @param label what is forgotten, for the log
 * @param forgetFunction the SQL function's name (a plain identifier: it goes into the statement as one)
 * @param keep how long a row is kept after it was written
 */
public record OldRows(String label, String forgetFunction, Duration keep) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public OldRows {
        if (!IDENTIFIER.matcher(forgetFunction).matches()) {
            throw new IllegalArgumentException("Not a function name: " + forgetFunction);
        }
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("Nothing can be kept for " + keep);
        }
    }
}
