package io.leadbridge.agreement;

import org.springframework.data.repository.Repository;

/** The remarks on versions: only ever appended (they are read with the versions' read model, {@link AgreementVersions}). */
interface StoredCommentRepository extends Repository<StoredComment, Long> {

    StoredComment save(StoredComment comment);
}
