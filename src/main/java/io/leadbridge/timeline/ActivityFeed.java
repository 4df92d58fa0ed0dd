package io.leadbridge.timeline;

import io.leadbridge.account.SessionsEnded;
import io.leadbridge.tenant.CurrentTenant;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.convert.ConversionService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * The shared activity feed: the workspace's handoffs, decisions (and their undo), disputes and comments as they happen.
 * Pages that show the feed connect to {@code /activity/stream?feed=1} and get each new item as a server-sent event once
 * its transaction committed — only items of their own workspace, rendered once per language. Every signed-in page's
 * stream carries the person's notification bell (event {@code bell}): its unread count whenever one of their
 * notifications arrives or is read. The committing thread only hands the work to the streams' sender; the streams and
 * their limits are {@link LiveStreams}. Connections live on one instance each; what happened on any instance reaches
 * them through {@link LiveRelay}, and each instance reads for its own streams what they show.
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

    private final JdbcClient jdbc;
    private final SpringTemplateEngine templates;
    private final ApplicationContext context;
    private final ConversionService conversions;
    private final TransactionTemplate readOnly;
    private final Notifications notifications;
    private final LiveStreams streams;
    private final LiveRelay relay;
    private final AtomicLong rendered = new AtomicLong();

    ActivityFeed(
            JdbcClient jdbc,
            SpringTemplateEngine templates,
            ApplicationContext context,
            ConversionService mvcConversionService,
            PlatformTransactionManager transactionManager,
            LiveStreams streams,
            LiveRelay relay,
            Notifications notifications) {
        this.relay = relay;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.streams = streams;
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

    private static final String COLUMNS = """
            select e.id, e.lead_id, e.type, e.occurred_at, coalesce(a.display_name, e.actor_label) as actor,
                   trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) as name, l.email,
                   l.company_name
            from lead_event e
            join lead_record l on l.tenant_id = e.tenant_id and l.id = e.lead_id
            left join account_person a on a.tenant_id = e.tenant_id and a.id = e.actor_id
            """;

    /**
     * The feed's types as constants in the statement: the feed's partial index ({@code lead_event_feed_idx}, on
     * exactly these types) serves a query only for constants, not for bound values. Several are the names of other
     * modules' decisions, so they are written out from {@link #TYPES}, never spelled in the SQL.
     */
    private static final String FEED_TYPES = TYPES.stream()
            .sorted()
            .map(type -> "'" + type + "'")
            .collect(java.util.stream.Collectors.joining(", ", " e.type in (", ")"));

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
     * Connects a person of the current workspace to the live stream: their bell (null account: none) and, for a page
     * that shows the feed, its items. A client that reconnects says which item it saw last (the {@code Last-Event-ID}
     * its browser sends, or the newest item on the page it loaded) and first gets what it missed, then the new items as
     * they happen; each feed event carries its item's id. The bell first gets its current count (it may have changed
     * while they were not connected), then each change. Empty when this instance has as many streams as it takes.
     */
    public Optional<SseEmitter> subscribe(
            Locale locale, Long lastSeen, String sessionId, Long accountId, boolean withFeed) {
        Optional<LiveStreams.Stream> opened =
                streams.open(CurrentTenant.require(), locale, sessionId, accountId, withFeed);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        LiveStreams.Stream stream = opened.get();
        SseEmitter emitter = stream.emitter;
        try {
            emitter.send(SseEmitter.event().comment("connected"));
            if (accountId != null) {
                int unread = readOnly.execute(status -> notifications.unread(accountId));
                emitter.send(bell(unread, locale));
            }
            if (withFeed && lastSeen != null) {
                List<Item> missed = readOnly.execute(status -> after(lastSeen));
                for (Item item : missed) {
                    emitter.send(event(item, render(item, locale)));
                }
            }
        } catch (IOException | IllegalStateException e) {
            streams.remove(stream);
        }
        return Optional.of(emitter);
    }

    private static SseEmitter.SseEventBuilder event(Item item, String html) {
        return SseEmitter.event().id(Long.toString(item.id())).name("activity").data(html);
    }

    private static boolean showsFeed(LiveStreams.Stream stream) {
        return stream.feed;
    }

    /**
     * Once the current transaction (which recorded the lead's entry of {@code type}) committed: the entry to the streams
     * of the workspace that show the feed, on every instance, if it is of the feed's types.
     */
    void announce(long leadId, String type) {
        if (TYPES.contains(type)) {
            relay.send(new LiveRelay.FeedEntry(CurrentTenant.require(), leadId, type));
        }
    }

    /** A feed entry, on every instance: read once here, rendered once per language, to this instance's streams. */
    @EventListener
    void on(LiveRelay.FeedEntry entry) {
        UUID tenant = entry.tenant();
        if (!streams.any(tenant, ActivityFeed::showsFeed)) {
            return;
        }
        streams.deliver(
                tenant,
                ActivityFeed::showsFeed,
                () -> CurrentTenant.runAs(tenant, () -> {
                    Optional<Item> item = readOnly.execute(status -> jdbc.sql(COLUMNS
                                    + " where e.tenant_id = ? and e.lead_id = ? and e.type = ?"
                                    + " order by e.occurred_at desc, e.id desc limit 1")
                            .params(tenant, entry.lead(), entry.type())
                            .query((rs, row) -> item(rs))
                            .optional());
                    item.ifPresent(found -> publish(tenant, found));
                }));
    }

    /** After a person's notifications changed (one arrived, or was read): their bell, on each of their streams. */
    @EventListener
    void on(NotificationsChanged changed) {
        relay.send(new LiveRelay.BellsChanged(changed.tenant(), changed.recipients()));
    }

    /** Bells that changed, on every instance: each person's count read once here, to this instance's streams. */
    @EventListener
    void on(LiveRelay.BellsChanged changed) {
        java.util.function.Predicate<LiveStreams.Stream> theirs =
                stream -> stream.accountId != null && changed.people().contains(stream.accountId);
        if (!streams.any(changed.tenant(), theirs)) {
            return;
        }
        streams.deliver(
                changed.tenant(),
                theirs,
                () -> CurrentTenant.runAs(changed.tenant(), () -> {
                    Map<Long, Integer> unread = new HashMap<>();
                    Map<String, String> rendered = new HashMap<>();
                    for (LiveStreams.Stream stream : streams.of(changed.tenant(), theirs)) {
                        int count = unread.computeIfAbsent(
                                stream.accountId, account -> readOnly.execute(status -> notifications.unread(account)));
                        String html = rendered.computeIfAbsent(
                                stream.locale.toLanguageTag() + " " + count, key -> bellHtml(count, stream.locale));
                        streams.send(stream, SseEmitter.event().name("bell").data(html));
                    }
                }));
    }

    /** The bell's content as the navigation shows it, for its new count. */
    private SseEmitter.SseEventBuilder bell(int unread, Locale locale) {
        return SseEmitter.event().name("bell").data(bellHtml(unread, locale));
    }

    private String bellHtml(int unread, Locale locale) {
        Context model = new Context(locale);
        model.setVariable("unreadNotifications", unread);
        model.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(context, conversions));
        return templates
                .process("notifications/list", Set.of("bell"), model)
                .replace("\n", " ")
                .strip();
    }

    /** To the streams of the workspace that show the feed, rendered once per language. */
    void publish(UUID tenant, Item item) {
        Map<Locale, String> rendered = new HashMap<>();
        for (LiveStreams.Stream stream : streams.of(tenant, ActivityFeed::showsFeed)) {
            String html = rendered.computeIfAbsent(stream.locale, locale -> render(item, locale));
            streams.send(stream, event(item, html));
        }
    }

    /** The item as the feed's list shows it: the same fragment the page renders, in the given language. */
    String render(Item item, Locale locale) {
        rendered.incrementAndGet();
        Locale before = LocaleContextHolder.getLocale();
        try {
            LocaleContextHolder.setLocale(locale);
            Context model = new Context(locale);
            model.setVariable("item", item);
            model.setVariable(
                    ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                    new ThymeleafEvaluationContext(context, conversions));
            return templates
                    .process("activity/feed", Set.of("item"), model)
                    .replace("\n", " ")
                    .strip();
        } finally {
            LocaleContextHolder.setLocale(before);
        }
    }

    /** How many feed items were rendered for streams (tests: once per language, not once per stream). */
    long rendered() {
        return rendered.get();
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
        streams.closeAll();
    }

    /** Sessions ended (signed out, or ended by the workspace): their streams end, on every instance. */
    @EventListener
    public void on(SessionsEnded ended) {
        relay.send(new LiveRelay.SessionsGone(ended.sessionIds()));
    }

    @EventListener
    void on(LiveRelay.SessionsGone gone) {
        gone.sessions().forEach(streams::sessionEnded);
    }

    /**
     * This instance's listening connection broke and is back: what was relayed meanwhile is lost, so its streams end,
     * and their browsers reconnect and catch up.
     */
    @EventListener
    void on(LiveRelay.Reconnected reconnected) {
        streams.closeAll();
    }
}
