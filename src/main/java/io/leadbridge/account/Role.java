package io.leadbridge.account;

import java.util.Optional;

/** What a person does in a workspace. Marketers form the marketing team, sales reps the sales team. */
public enum Role {
    ADMIN,
    MARKETER,
    SALES_REP,
    LIAISON;

    public String authority() {
        return "ROLE_" + name();
    }

    public Optional<Team> team() {
        return switch (this) {
            case MARKETER -> Optional.of(Team.MARKETING);
            case SALES_REP -> Optional.of(Team.SALES);
            default -> Optional.empty();
        };
    }

    public enum Team {
        MARKETING,
        SALES
    }
}
