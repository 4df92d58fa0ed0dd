package io.leadbridge.timeline;

import io.leadbridge.tenant.CurrentTenant;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Short signals to some people's open pages over the live stream, once the transaction that caused them commits: an
 * event name and a small text per person (e.g. {@code queue} with the number of leads waiting for a rep), for pages
 * that show something of another module's that just changed. Nothing is rendered here and nothing is replayed: a page
 * that missed a signal shows the current state when it is loaded again.
 */
@Service
public class LiveSignals {

    /** The signal's name: letters only, so it is a valid event name for the browser. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-zA-Z]{0,30}");

    private final LiveRelay relay;
    private final LiveStreams streams;

    LiveSignals(LiveRelay relay, LiveStreams streams) {
        this.relay = relay;
        this.streams = streams;
    }

    /**
     * After the current transaction commits: the event {@code name} with each person's text, to that person's open
     * streams in the current workspace, on every instance.
     */
    public void signal(String name, Map<Long, String> dataByPerson) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a signal name: " + name);
        }
        if (!dataByPerson.isEmpty()) {
            relay.send(new LiveRelay.Signal(CurrentTenant.require(), name, Map.copyOf(dataByPerson)));
        }
    }

    /** A signal, on every instance: to this instance's streams of the people it names. */
    @EventListener
    void on(LiveRelay.Signal signalled) {
        Predicate<LiveStreams.Stream> theirs =
                stream -> stream.accountId != null && signalled.texts().containsKey(stream.accountId);
        if (!streams.any(signalled.tenant(), theirs)) {
            return;
        }
        streams.deliver(signalled.tenant(), theirs, () -> {
            for (LiveStreams.Stream stream : streams.of(signalled.tenant(), theirs)) {
                streams.send(
                        stream,
                        SseEmitter.event()
                                .name(signalled.name())
                                .data(signalled.texts().get(stream.accountId)));
            }
        });
    }
}
