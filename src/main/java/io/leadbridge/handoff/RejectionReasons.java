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
import org.springframework.dao.DataIntegrityViolationException;
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
 * Pages name a reason through {@code @rejectionReasons.label(code)}. Each reason is a {@link Reason} entity.
 */
@Service
public class RejectionReasons {

    public static final int LABEL_MIN = 3;
    public static final int LABEL_MAX = 80;
    static final String CUSTOM_PREFIX = "CUSTOM_";
    private static final String LABELS_ATTRIBUTE = RejectionReasons.class.getName() + ".labels";

    private final ReasonRepository reasons;
    private final MessageSource messages;
    private final TransactionTemplate readOnly;

    RejectionReasons(ReasonRepository reasons, MessageSource messages, PlatformTransactionManager transactionManager) {
        this.reasons = reasons;
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
        return reasons.findAllInOrder(CurrentTenant.require()).stream()
                .map(this::entry)
                .toList();
    }

    private Entry entry(Reason reason) {
        return new Entry(
                reason.code(),
                reason.custom() ? reason.label() : builtIn(reason.code()),
                reason.custom(),
                reason.commentRequired(),
                reason.active(),
                reason.position());
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
        reasons.lockForAdding(tenant.toString());
        String code = CUSTOM_PREFIX + reasons.nextCustomNumber(tenant);
        try {
            reasons.saveAndFlush(new Reason(code, reasons.nextPosition(tenant), commentRequired, clean));
        } catch (DataIntegrityViolationException taken) {
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
        var tenant = CurrentTenant.require();
        Reason reason = reasons.find(tenant, code).orElseThrow(NotFoundException::new);
        String newLabel = null;
        if (reason.custom()) {
            newLabel = checkedLabel(label);
            String candidate = newLabel;
            if (all().stream().anyMatch(e -> !e.code().equals(code) && e.label().equalsIgnoreCase(candidate))) {
                throw Refusal.field("label", "reasons.labelTaken");
            }
        }
        if (!active && reason.active() && reasons.lockOthersActive(tenant, code).isEmpty()) {
            throw Refusal.field("active", "reasons.lastActive");
        }
        reason.change(commentRequired, active, newLabel);
        try {
            reasons.saveAndFlush(reason);
        } catch (DataIntegrityViolationException taken) {
            throw Refusal.field("label", "reasons.labelTaken");
        }
        forgetLabels();
    }

    /** Moves a reason one place up (towards the top of the list sales chooses from) or down. */
    @Transactional
    public void move(String code, boolean up) {
        List<Reason> ordered = new ArrayList<>(reasons.findAllInOrder(CurrentTenant.require()));
        int at = -1;
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).code().equals(code)) {
                at = i;
            }
        }
        if (at < 0) {
            throw new NotFoundException();
        }
        int other = up ? at - 1 : at + 1;
        if (other < 0 || other >= ordered.size()) {
            return;
        }
        Reason moving = ordered.remove(at);
        ordered.add(other, moving);
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).placeAt(i + 1);
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
            reasons.findLabelled(CurrentTenant.require()).forEach(reason -> found.put(reason.code(), reason.label()));
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
