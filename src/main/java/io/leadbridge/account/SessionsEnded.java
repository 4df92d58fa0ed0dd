package io.leadbridge.account;

import java.util.List;

/**
 * Sessions ended: signed out, or ended by the workspace (their person deactivated, or their roles changed). Published
 * on the instance where it happened; what else hangs on a session (the live streams) ends with it on every instance.
 */
public record SessionsEnded(List<String> sessionIds) {

    public SessionsEnded {
        sessionIds = List.copyOf(sessionIds);
    }
}
