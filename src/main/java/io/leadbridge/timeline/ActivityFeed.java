package io.leadbridge.timeline;

import io.leadbridge.tenant.CurrentTenant;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.convert.ConversionService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * The shared activity feed: the workspace's handoffs, decisions, disputes and comments as they happen. People
 * connected to {@code /activity/stream} get each new item as a server-sent event once its transaction committed —
 * only items of their own workspace, rendered in their language. The same stream carries each person's notification
 * bell (event {@code bell}): its unread count whenever one of their notifications arrives or is read. Connections live on this instance; with several
 * instances each serves its own (a PostgreSQL {@code LISTEN/NOTIFY} relay would fan out across them).
 */
@Service
public class ActivityFeed {

    public static final Set<String> TYPES = Set.of(
            "HANDED_OFF",
            "ACCEPTED",
            "REJECTED",
            "REASSIGNED",
            "DISPUTED",
            "DISPUTE_UPHELD",
            "DISPUTE_OVERTURNED",
            "RETURNED_TO_MARKETING",
            "DECISION_UNDONE",
            Comments.COMMENTED);
    static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;
    private static final Logger log = LoggerFactory.getLogger(ActivityFeed.class);

    private final JdbcClient jdbc;
    private final SessionRegistry sessions;
    private final SpringTemplateEngine templates;
    private final ApplicationContext context;
    private final ConversionService conversions;
    private final TransactionTemplate readOnly;
    private final Notifications notifications;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    ActivityFeed(
            JdbcClient jdbc,
            SpringTemplateEngine templates,
            ApplicationContext context,
            ConversionService mvcConversionService,
            PlatformTransactionManager transactionManager,
            SessionRegistry sessions,
            Notifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.sessions = sessions;
        this.templates = templates;
        this.context = context;
        this.conversions = mvcConversionService;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly.setReadOnly(true);
    }

    /** One item of the feed. */
    public record Item(
            long id, long leadId, String type, Instant occurredAt, String actorName, String leadName, String company) {}

    /** An open stream, of a person's session (null: none) and of their account (null: no bell). */
    private record Subscriber(UUID tenant, Locale locale, SseEmitter emitter, String sessionId, Long accountId) {}

    private static final String COLUMNS = """
            select e.id, e.lead_id, e.type, e.occurred_at, coalesce(a.display_name, e.actor_label) as actor,
                   trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) as name, l.email,
                   l.company_name
            from lead_event e
            join lead l on l.tenant_id = e.tenant_id and l.id = e.lead_id
            left join account a on a.tenant_id = e.tenant_id and a.id = e.actor_id
            """;

    private static final String FEED_TYPES = " e.type in ('HANDED_OFF', 'ACCEPTED', 'REJECTED', 'REASSIGNED',"
            + " 'DISPUTED', 'DISPUTE_UPHELD', 'DISPUTE_OVERTURNED', 'RETURNED_TO_MARKETING', 'DECISION_UNDONE',"
            + " 'COMMENTED')";

    /** At most this many missed items are sent to a client that reconnects. */
    static final int REPLAY_LIMIT = 50;

    /** The latest items of the current workspace, newest first. */
    @Transactional(readOnly = true)
    public List<Item> recent(int limit) {
        return jdbc.sql(COLUMNS + " where e.tenant_id = ? and" + FEED_TYPES
                        + " order by e.occurred_at desc, e.id desc limit ?")
                .params(CurrentTenant.require(), limit)
                .query((rs, row) -> item(rs))
                .list();
    }

    /**
     * The items of the current workspace that came after the given one, oldest first (at most {@link #REPLAY_LIMIT},
     * the latest ones). An item of another workspace, or one that does not exist, has nothing after it.
     */
    @Transactional(readOnly = true)
    public List<Item> after(long lastSeen) {
        List<Item> newestFirst = jdbc.sql(COLUMNS + " where e.tenant_id = :t and" + FEED_TYPES
                        + " and (e.occurred_at, e.id) > (select s.occurred_at, s.id from lead_event s"
                        + " where s.tenant_id = :t and s.id = :seen)"
                        + " order by e.occurred_at desc, e.id desc limit :limit")
                .param("t", CurrentTenant.require())
                .param("seen", lastSeen)
                .param("limit", REPLAY_LIMIT)
                .query((rs, row) -> item(rs))
                .list();
        List<Item> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /**
     * Connects a person of the current workspace to the feed. A client that reconnects says which item it saw last
     * (the {@code Last-Event-ID} its browser sends, or the newest item on the page it loaded) and first gets what it
     * missed, then the new items as they happen. Each event carries its item's id.
     */
    public SseEmitter subscribe(Locale locale, Long lastSeen, String sessionId) {
        return subscribe(locale, lastSeen, sessionId, null);
    }

    /**
     * Connects a person as {@link #subscribe(Locale, Long, String)} does, with their notification bell: first its
     * current count (it may have changed while they were not connected), then each change.
     */
    public SseEmitter subscribe(Locale locale, Long lastSeen, String sessionId, Long accountId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        UUID tenant = CurrentTenant.require();
        Subscriber subscriber = new Subscriber(tenant, locale, emitter, sessionId, accountId);
        subscribers.add(subscriber);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        try {
            emitter.send(SseEmitter.event().comment("connected"));
            if (accountId != null) {
                int unread = readOnly.execute(status -> notifications.unread(accountId));
                emitter.send(bell(unread, locale));
            }
            if (lastSeen != null) {
                List<Item> missed = readOnly.execute(status -> after(lastSeen));
                for (Item item : missed) {
                    emitter.send(event(item, locale));
                }
            }
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(subscriber);
        }
        return emitter;
    }

    private SseEmitter.SseEventBuilder event(Item item, Locale locale) {
        Locale before = LocaleContextHolder.getLocale();
        try {
            LocaleContextHolder.setLocale(locale);
            return SseEmitter.event()
                    .id(Long.toString(item.id()))
                    .name("activity")
                    .data(render(item, locale));
        } finally {
            LocaleContextHolder.setLocale(before);
        }
    }

    /** After the activity's transaction committed: to everyone connected from the same workspace. */
    @TransactionalEventListener
    public void on(LeadActivity activity) {
        if (!TYPES.contains(activity.type()) || subscribers.isEmpty()) {
            return;
        }
        UUID tenant = CurrentTenant.require();
        if (subscribers.stream().noneMatch(s -> s.tenant().equals(tenant))) {
            return;
        }
        Optional<Item> item = readOnly.execute(status -> jdbc.sql(COLUMNS
                        + " where e.tenant_id = ? and e.lead_id = ? and e.type = ?"
                        + " order by e.occurred_at desc, e.id desc limit 1")
                .params(tenant, activity.leadId(), activity.type())
                .query((rs, row) -> item(rs))
                .optional());
        item.ifPresent(found -> publish(tenant, found));
    }

    /** After a person's notifications changed (one arrived, or was read): their bell, on each of their streams. */
    @TransactionalEventListener
    void on(NotificationsChanged changed) {
        if (subscribers.isEmpty()) {
            return;
        }
        java.util.Map<Long, Integer> unread = new java.util.HashMap<>();
        try {
            for (Subscriber subscriber : subscribers) {
                if (!subscriber.tenant().equals(changed.tenant())
                        || subscriber.accountId() == null
                        || !changed.recipients().contains(subscriber.accountId())) {
                    continue;
                }
                if (ended(subscriber)) {
                    close(subscriber);
                    continue;
                }
                int count = unread.computeIfAbsent(
                        subscriber.accountId(), account -> readOnly.execute(status -> notifications.unread(account)));
                try {
                    subscriber.emitter().send(bell(count, subscriber.locale()));
                } catch (IOException | IllegalStateException gone) {
                    subscribers.remove(subscriber);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Activity feed could not deliver a notification count", e);
        }
    }

    /** The bell's content as the navigation shows it, for its new count. */
    private SseEmitter.SseEventBuilder bell(int unread, Locale locale) {
        Context model = new Context(locale);
        model.setVariable("unreadNotifications", unread);
        model.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(context, conversions));
        String html = templates
                .process("notifications/list", Set.of("bell"), model)
                .replace("\n", " ")
                .strip();
        return SseEmitter.event().name("bell").data(html);
    }

    void publish(UUID tenant, Item item) {
        try {
            for (Subscriber subscriber : subscribers) {
                if (!subscriber.tenant().equals(tenant)) {
                    continue;
                }
                if (ended(subscriber)) {
                    close(subscriber);
                    continue;
                }
                try {
                    subscriber.emitter().send(event(item, subscriber.locale()));
                } catch (IOException | IllegalStateException gone) {
                    subscribers.remove(subscriber);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Activity feed could not deliver an item", e);
        }
    }

    /** The item as the feed's list shows it: the same fragment the page renders. */
    String render(Item item, Locale locale) {
        Context model = new Context(locale);
        model.setVariable("item", item);
        model.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(context, conversions));
        return templates
                .process("activity/feed", Set.of("item"), model)
                .replace("\n", " ")
                .strip();
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        String name = rs.getString("name");
        return new Item(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                rs.getString("type"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                name.isEmpty() ? rs.getString("email") : name,
                rs.getString("company_name"));
    }

    /**
     * When the application shuts down, before the web server's graceful shutdown: ends every open stream. An open
     * stream is an active request that only ends when written to after its browser left, so graceful shutdown would
     * otherwise wait its whole timeout for them; browsers reconnect to another instance on their own.
     */
    @EventListener(ContextClosedEvent.class)
    public void closeAll() {
        for (Subscriber subscriber : subscribers) {
            close(subscriber);
        }
    }

    /** A person signed out (or their session timed out): their open streams end with it. */
    @EventListener
    public void sessionEnded(HttpSessionDestroyedEvent event) {
        for (Subscriber subscriber : subscribers) {
            if (event.getId().equals(subscriber.sessionId())) {
                close(subscriber);
            }
        }
    }

    /**
     * A session ended by the workspace (its person deactivated, or their roles changed) is only marked expired until
     * its next request; a stream makes none, so it is checked before each item.
     */
    private boolean ended(Subscriber subscriber) {
        if (subscriber.sessionId() == null) {
            return false;
        }
        SessionInformation session = sessions.getSessionInformation(subscriber.sessionId());
        return session != null && session.isExpired();
    }

    private void close(Subscriber subscriber) {
        subscribers.remove(subscriber);
        try {
            subscriber.emitter().complete();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
