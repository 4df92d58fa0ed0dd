package io.leadbridge.timeline;

import org.springframework.data.repository.Repository;

/**
 * The comments on the workspace's leads. A comment is only ever added; the thread and who commented where are SQL
 * read models of {@link Comments}.
 */
interface LeadCommentRepository extends Repository<LeadComment, Long> {

    LeadComment save(LeadComment comment);
}
