package io.leadbridge.handoff;

import io.leadbridge.shared.NotFoundException;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The workspace's list of rejection reasons: the defaults every workspace starts with (named in the reader's
 * language, {@code reason.<code>}) and the admin's own (with a label as typed). The admin switches reasons on and off,
 * decides which need a comment and orders them; reasons are never deleted, so every past rejection keeps its label.
 * Pages name a reason through {@code @rejectionReasons.label(code)}.
 */
@Service
public class RejectionReasons {

    public static final int LABEL_MIN = 3;
    public static final int LABEL_MAX = 80;
    static final String CUSTOM_PREFIX = "CUSTOM_";
    private static final String LABELS_ATTRIBUTE = RejectionReasons.class.getName() + ".labels";

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final TransactionTemplate readOnly;

    RejectionReasons(JdbcClient jdbc, MessageSource messages, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** A reason as the admin's list shows it. */
    public record Entry(
            String code, String label, boolean custom, boolean commentRequired, boolean active, int position) {}

    /** Every reason of the workspace, active or not, in the order sales sees them. */
    @Transactional(readOnly = true)
    public List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        jdbc.sql("""
                        select code, label, comment_required, active, position from rejection_reason
                        where tenant_id = ? order by position, code
                        """)
                .param(CurrentTenant.require())
                .query((rs, row) -> entries.add(new Entry(
                        rs.getString("code"),
                        rs.getString("label") != null ? rs.getString("label") : builtIn(rs.getString("code")),
                        rs.getString("label") != null,
                        rs.getBoolean("comment_required"),
                        rs.getBoolean("active"),
                        rs.getInt("position"))))
                .list();
        return entries;
    }

    /** Adds a reason of the workspace's own, at the end of the list; answers its code. */
    @Transactional
    public String add(String label, boolean commentRequired) {
        String clean = checkedLabel(label);
        if (all().stream().anyMatch(e -> e.label().equalsIgnoreCase(clean))) {
            throw Refusal.field("label", "reasons.labelTaken");
        }
        var tenant = CurrentTenant.require();
        // One workspace's admins adding at the same moment: the code is the next free number, and the primary key
        // and the label's unique index decide; the loser is told.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('rejection_reason:' || ?, 0))")
                .param(tenant.toString())
                .query(Object.class)
                .list();
        int next = jdbc.sql("""
                        select coalesce(max(cast(substring(code from 8) as integer)), 0) + 1 from rejection_reason
                        where tenant_id = ? and code like 'CUSTOM\\_%'
                        """).param(tenant).query(Integer.class).single();
        String code = CUSTOM_PREFIX + next;
        try {
            jdbc.sql("""
                            insert into rejection_reason (tenant_id, code, position, comment_required, active, label)
                            select ?, ?, coalesce(max(position), 0) + 1, ?, true, ?
                            from rejection_reason where tenant_id = ?
                            """).params(tenant, code, commentRequired, clean, tenant).update();
        } catch (DuplicateKeyException taken) {
            throw Refusal.field("label", "reasons.labelTaken");
        }
        forgetLabels();
        return code;
    }

    /**
     * Changes a reason: whether it needs a comment, whether sales may choose it, and (for the workspace's own) its
     * label. At least one reason stays active. An unknown code, or another workspace's, is not found.
     */
    @Transactional
    public void change(String code, boolean commentRequired, boolean active, String label) {
        Entry entry =
                all().stream().filter(e -> e.code().equals(code)).findFirst().orElseThrow(NotFoundException::new);
        String newLabel = null;
        if (entry.custom()) {
            newLabel = checkedLabel(label);
            String candidate = newLabel;
            if (all().stream().anyMatch(e -> !e.code().equals(code) && e.label().equalsIgnoreCase(candidate))) {
                throw Refusal.field("label", "reasons.labelTaken");
            }
        }
        if (!active && entry.active()) {
            // Locks the workspace's active reasons, so two admins switching off the last two cannot both succeed.
            long othersActive = jdbc.sql("""
                            select count(*) from (select 1 from rejection_reason
                            where tenant_id = ? and active and code <> ? for update) as others
                            """)
                    .params(CurrentTenant.require(), code)
                    .query(Long.class)
                    .single();
            if (othersActive == 0) {
                throw Refusal.field("active", "reasons.lastActive");
            }
        }
        try {
            jdbc.sql("""
                            update rejection_reason set comment_required = ?, active = ?,
                                label = case when label is null then null else ? end
                            where tenant_id = ? and code = ?
                            """)
                    .params(commentRequired, active, newLabel, CurrentTenant.require(), code)
                    .update();
        } catch (DuplicateKeyException taken) {
            throw Refusal.field("label", "reasons.labelTaken");
        }
        forgetLabels();
    }

    /** Moves a reason one place up (towards the top of the list sales chooses from) or down. */
    @Transactional
    public void move(String code, boolean up) {
        List<Entry> entries = new ArrayList<>(all());
        int at = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).code().equals(code)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new NotFoundException();
        }
        int other = up ? at - 1 : at + 1;
        if (other < 0 || other >= entries.size()) {
            return;
        }
        Entry moving = entries.remove(at);
        entries.add(other, moving);
        for (int i = 0; i < entries.size(); i++) {
            jdbc.sql("update rejection_reason set position = ? where tenant_id = ? and code = ?")
                    .params(i + 1, CurrentTenant.require(), entries.get(i).code())
                    .update();
        }
    }

    /**
     * The name of a reason for the reader: a default's in their language, the workspace's own as the admin typed it.
     * The workspace's labels are read once per request.
     */
    public String label(String code) {
        if (code == null) {
            return "";
        }
        String builtIn = messages.getMessage("reason." + code, null, null, LocaleContextHolder.getLocale());
        if (builtIn != null) {
            return builtIn;
        }
        return customLabels().getOrDefault(code, code);
    }

    /** The message key for "this reason needs a comment" (the defaults that need one say what to write). */
    String commentRequiredMessage(String code) {
        String specific = "handoff.commentRequired." + code;
        return messages.getMessage(specific, null, null, Locale.ENGLISH) != null ? specific : "handoff.commentRequired";
    }

    private String builtIn(String code) {
        return messages.getMessage("reason." + code, null, code, LocaleContextHolder.getLocale());
    }

    private String checkedLabel(String label) {
        String clean = label == null ? "" : label.strip().replaceAll("\\s+", " ");
        if (clean.length() < LABEL_MIN || clean.length() > LABEL_MAX) {
            throw Refusal.field("label", "reasons.labelLength");
        }
        if (!PlainTexts.singleLine(clean)) {
            throw Refusal.field("label", "validation.plainText");
        }
        return clean;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> customLabels() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            Object cached = request.getAttribute(LABELS_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (cached != null) {
                return (Map<String, String>) cached;
            }
        }
        Map<String, String> labels = readOnly.execute(status -> {
            Map<String, String> found = new HashMap<>();
            jdbc.sql("select code, label from rejection_reason where tenant_id = ? and label is not null")
                    .param(CurrentTenant.require())
                    .query((rs, row) -> found.put(rs.getString(1), rs.getString(2)))
                    .list();
            return found;
        });
        if (request != null) {
            request.setAttribute(LABELS_ATTRIBUTE, labels, RequestAttributes.SCOPE_REQUEST);
        }
        return labels;
    }

    private void forgetLabels() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(LABELS_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
