package io.leadbridge.agreement;

import io.leadbridge.account.SignedInAccount;
import java.util.List;
import java.util.Optional;

/**
 * A kind of agreement as the agreement's pages show it (criteria, funnel): its versions, each an agreement record with
 * the kind's content, and what differs between two of them. The kind's module implements it; the pages of {@code
 * agreement.web} run the flow around it.
 *
 * @param <V> a version of the kind with its content
 */
public interface AgreementContent<V extends AgreementContent.Versioned> {

    /** A version of a kind: its agreement record (none for a workspace still on the kind's defaults) and content. */
    interface Versioned {
        AgreementVersion agreement();
    }

    V active();

    /** Every version of the kind, newest first. */
    List<V> history();

    /** A version as the person may see it (another person's draft, another workspace's version: 404). */
    V version(long id, SignedInAccount person);

    /**
     * The version a proposal was made on ({@code baseVersionId}); for none, what applied then if the kind has defaults
     * (else empty).
     */
    Optional<V> madeOn(Long baseVersionId);

    /**
     * What a version is compared with: a proposal with the active version; an outdated proposal with the version it
     * was made on (its own changes); the active or a superseded version with the one it replaced.
     */
    default Optional<V> comparedWith(V version) {
        Status status = version.agreement().status();
        if (status == Status.OUTDATED) {
            Optional<V> base = madeOn(version.agreement().baseVersionId());
            if (base.isPresent()) {
                return base;
            }
        }
        if (status != Status.ACTIVE && status != Status.SUPERSEDED) {
            return Optional.of(active());
        }
        return history().stream()
                .filter(v -> v.agreement().activatedAt() != null)
                .filter(v -> v.agreement().number() < version.agreement().number())
                .findFirst();
    }

    /** Where {@code after} differs from {@code before}, as the version's page lists it. */
    List<?> differences(V before, V after);
}
