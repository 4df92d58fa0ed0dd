package io.leadbridge.account;

import java.util.List;
import org.springframework.security.core.AuthenticationException;

/**
 * The password opened accounts in more than one workspace: the person chooses which one (nobody is signed in until
 * then).
 */
class WorkspaceChoiceRequired extends AuthenticationException {

    private final transient List<SignedInAccount> accounts;

    WorkspaceChoiceRequired(List<SignedInAccount> accounts) {
        super("The password opens accounts in several workspaces");
        this.accounts = List.copyOf(accounts);
    }

    List<SignedInAccount> accounts() {
        return accounts;
    }
}
