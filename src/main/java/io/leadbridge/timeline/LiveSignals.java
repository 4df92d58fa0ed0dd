package io.leadbridge.timeline;

import io.leadbridge.tenant.CurrentTenant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Short signals to some people's open pages over the live stream, after the transaction that caused them commits: an
 * event name and a small text per person (e.g. {@code queue} with the number of leads waiting for a rep), for pages
 * that show something of another module's that just changed. Nothing is rendered here and nothing is replayed: a page
 * that missed a signal shows the current state when it is loaded again.
 */
@Service
public class LiveSignals {

    /** The signal's name: letters only, so it is a valid event name for the browser. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-zA-Z]{0,30}");

    private final ApplicationEventPublisher events;
    private final LiveStreams streams;

    LiveSignals(ApplicationEventPublisher events, LiveStreams streams) {
        this.events = events;
        this.streams = streams;
    }

    record Signalled(UUID tenant, String name, Map<Long, String> data) {}

    /**
     * After the current transaction commits: the event {@code name} with each person's text, to that person's open
     * streams in the current workspace.
     */
    public void signal(String name, Map<Long, String> dataByPerson) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a signal name: " + name);
        }
        if (!dataByPerson.isEmpty()) {
            events.publishEvent(new Signalled(CurrentTenant.require(), name, Map.copyOf(dataByPerson)));
        }
    }

    @EventListener
    void on(Signalled signalled) {
        AfterCommit.run(() -> deliver(signalled));
    }

    private void deliver(Signalled signalled) {
        Predicate<LiveStreams.Stream> theirs =
                stream -> stream.accountId != null && signalled.data().containsKey(stream.accountId);
        if (!streams.any(signalled.tenant(), theirs)) {
            return;
        }
        streams.deliver(signalled.tenant(), theirs, () -> {
            for (LiveStreams.Stream stream : streams.of(signalled.tenant(), theirs)) {
                streams.send(
                        stream,
                        SseEmitter.event()
                                .name(signalled.name())
                                .data(signalled.data().get(stream.accountId)));
            }
        });
    }
}
