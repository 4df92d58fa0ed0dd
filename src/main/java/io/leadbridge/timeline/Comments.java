package io.leadbridge.timeline;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The comment thread on a lead. A comment is on the lead's timeline; {@code @name} mentions a person of the same
 * workspace (by first name, full name without spaces, or the part of their e-mail before the @), who is notified. A
 * comment is written through {@link LeadCommentRepository}; the thread, with its authors' names, is a SQL read model
 * (ADR 0009).
 */
@Service
public class Comments {

    public static final String COMMENTED = "COMMENTED";
    public static final int MAX_LENGTH = 4000;
    static final int THREAD_SIZE = 500;
    static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])@([\\p{L}\\p{N}][\\p{L}\\p{N}._-]*)");

    private final JdbcClient jdbc;
    private final LeadCommentRepository comments;
    private final AccountManagement accounts;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;

    Comments(
            JdbcClient jdbc,
            LeadCommentRepository comments,
            AccountManagement accounts,
            Notifications notifications,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.comments = comments;
        this.accounts = accounts;
        this.notifications = notifications;
        this.events = events;
    }

    /** A comment as the thread shows it. */
    public record Comment(long id, long authorId, String authorName, String body, Instant createdAt) {}

    /**
     * Adds a comment to the lead (which the caller found in the current workspace): it goes on the timeline, and the
     * people it mentions are notified (never the author, never anyone of another workspace). Answers who was
     * mentioned.
     */
    @Transactional
    public List<Person> add(long leadId, String leadName, String body, long authorId, String authorName) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw Refusal.field("body", "comment.required");
        }
        if (!PlainTexts.multiLine(text)) {
            throw Refusal.field("body", "validation.plainText");
        }
        if (text.length() > MAX_LENGTH) {
            throw Refusal.field("body", "comment.tooLong");
        }
        comments.save(new LeadComment(leadId, authorId, text));
        events.publishEvent(new CommentAdded(
                CurrentTenant.require(), leadId, authorId, text.length() > 280 ? text.substring(0, 279) + "…" : text));
        List<Person> mentioned =
                mentioned(text).stream().filter(p -> p.id() != authorId).toList();
        if (!mentioned.isEmpty()) {
            notifications.notify(
                    mentioned.stream().map(Person::id).toList(),
                    "notification.mentioned",
                    List.of(authorName, leadName),
                    "/leads/" + leadId + "#comments");
        }
        return mentioned;
    }

    /** The active people of the current workspace that the text mentions. */
    List<Person> mentioned(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1).replaceAll("[._-]+$", "").toLowerCase(Locale.ROOT));
        }
        if (names.isEmpty()) {
            return List.of();
        }
        return accounts.people().stream()
                .filter(Person::active)
                .filter(p -> handles(p).stream().anyMatch(names::contains))
                .toList();
    }

    private static Set<String> handles(Person person) {
        Set<String> handles = new LinkedHashSet<>();
        String name =
                person.displayName() == null ? "" : person.displayName().strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
            handles.add(name.split("\\s+")[0]);
            handles.add(name.replaceAll("\\s+", ""));
        }
        handles.add(person.email().toLowerCase(Locale.ROOT).split("@")[0]);
        return handles;
    }

    /** The people who commented on each of the leads (by lead id; a lead without comments is not there). */
    @Transactional(readOnly = true)
    public Map<Long, Set<Long>> authors(Collection<Long> leadIds) {
        Map<Long, Set<Long>> authors = new HashMap<>();
        if (leadIds.isEmpty()) {
            return authors;
        }
        jdbc.sql("select distinct lead_id, author_id from lead_comment where tenant_id = ? and lead_id = any(?)")
                .params(CurrentTenant.require(), leadIds.toArray(Long[]::new))
                .query((rs, row) -> authors.computeIfAbsent(rs.getLong(1), lead -> new HashSet<>())
                        .add(rs.getLong(2)))
                .list();
        return authors;
    }

    /** The lead's thread, oldest first. */
    @Transactional(readOnly = true)
    public List<Comment> of(long leadId) {
        return jdbc.sql("""
                        select c.id, c.author_id, a.display_name, c.body, c.created_at
                        from lead_comment c
                        join account_person a on a.tenant_id = c.tenant_id and a.id = c.author_id
                        where c.tenant_id = ? and c.lead_id = ?
                        order by c.created_at, c.id
                        limit ?
                        """)
                .params(CurrentTenant.require(), leadId, THREAD_SIZE)
                .query((rs, row) -> new Comment(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }
}
