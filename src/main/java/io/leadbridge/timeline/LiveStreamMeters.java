package io.leadbridge.timeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The live streams (activity feed and bell) this instance holds open, {@code leadbridge.live.streams}, against its
 * limit {@code leadbridge.live.streams.max} ({@code LEADBRIDGE_LIVE_MAX_STREAMS}): near it, new pages get 503 and no
 * live updates.
 */
@Component
class LiveStreamMeters implements MeterBinder {

    private final LiveStreams streams;

    LiveStreamMeters(LiveStreams streams) {
        this.streams = streams;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("leadbridge.live.streams", streams, LiveStreams::size)
                .description("Server-sent event streams open on this instance")
                .register(registry);
        Gauge.builder("leadbridge.live.streams.max", streams, LiveStreams::maxStreams)
                .description("Server-sent event streams this instance takes at most")
                .register(registry);
    }
}
