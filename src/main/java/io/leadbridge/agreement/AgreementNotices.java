package io.leadbridge.agreement;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role.Team;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.timeline.Notifications;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Who hears of a proposal and its decision: the other team of a proposal, the author of a decision. */
@Component
class AgreementNotices {

    private final AccountManagement accounts;
    private final Notifications notifications;

    AgreementNotices(AccountManagement accounts, Notifications notifications) {
        this.accounts = accounts;
        this.notifications = notifications;
    }

    /** Tells the team that did not propose it that {@code proposed} waits for their decision. */
    void notifyProposed(Team otherTeam, SignedInAccount person, AgreementVersion proposed) {
        notifyTeam(
                otherTeam,
                key("notification.proposalWaiting", proposed.kind()),
                List.of(
                        person.getDisplayName(),
                        Integer.toString(proposed.number()),
                        proposed.kind().name()),
                link(proposed.kind(), proposed.id()));
    }

    private void notifyTeam(Team team, String key, List<String> arguments, String link) {
        List<Long> members = accounts.people().stream()
                .filter(Person::active)
                .filter(p -> p.roles().stream().anyMatch(r -> r.team().equals(Optional.of(team))))
                .map(Person::id)
                .toList();
        notifications.notify(members, key, arguments, link);
    }

    /** Tells the author of {@code version} of the decision {@code key} names (approved, declined) that {@code actor} made. */
    void notifyAuthor(String key, SignedInAccount actor, AgreementVersion version) {
        notifyPerson(version.proposedBy(), key(key, version.kind()), actor, version, version.kind());
    }

    private void notifyPerson(Long recipient, String key, SignedInAccount actor, AgreementVersion version, Kind kind) {
        if (recipient != null) {
            notifications.notify(
                    List.of(recipient),
                    key,
                    List.of(actor.getDisplayName(), Integer.toString(version.number()), kind.name()),
                    link(kind, version.id()));
        }
    }

    /** The notification's message for this kind of agreement ({@code ...Funnel} for the funnel). */
    static String key(String base, Kind kind) {
        return kind == Kind.CRITERIA ? base : base + "Funnel";
    }

    static String link(Kind kind, long id) {
        return "/" + kind.name().toLowerCase(Locale.ROOT) + "/versions/" + id;
    }

    /** Tells the author of a proposal that it became outdated when {@code activated} was approved. */
    void notifyOutdated(Long author, Kind kind, long id, int number, AgreementVersion activated) {
        notifications.notify(
                List.of(author),
                key("notification.proposalOutdated", kind),
                List.of(Integer.toString(number), Integer.toString(activated.number())),
                link(kind, id));
    }
}
