package io.leadbridge.support;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The browsers of a {@link BrowserTest}, one per person a test needs: each {@link #person()} starts a headless Chromium
 * at the application under test, and every browser a test started is closed after it. Register it as an instance field:
 * {@code @RegisterExtension Browsers browsers = new Browsers();}.
 */
public final class Browsers implements BeforeEachCallback, AfterEachCallback {

    private final List<Browser> started = new ArrayList<>();
    private int port;

    @Override
    public void beforeEach(ExtensionContext context) {
        port = Integer.parseInt(SpringExtension.getApplicationContext(context)
                .getEnvironment()
                .getRequiredProperty("local.server.port"));
    }

    /** A person at a browser of their own, using the application under test. */
    public Browser.Person person() {
        if (port == 0) {
            throw new IllegalStateException("Browsers are opened in a test or its @BeforeEach, of a @BrowserTest");
        }
        Browser browser = Browser.start();
        started.add(browser);
        return browser.at(port);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RuntimeException failure = null;
        for (Browser browser : started) {
            try {
                browser.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
