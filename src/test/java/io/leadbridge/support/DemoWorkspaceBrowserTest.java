package io.leadbridge.support;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@link BrowserTest} in a workspace of its own with the demo's content ({@link Workspaces#withDemoContent()}), seen
 * by one person at a browser: before each test the {@link #workspace} is made and the {@link #person}'s browser opened,
 * with nobody signed in yet ({@link Browser.Person#signIn(Workspaces.Member)} signs one of the workspace's people in).
 * A test class extends it, {@code class SomeBrowserTests extends DemoWorkspaceBrowserTest}, and adds a
 * {@code @BeforeEach} of its own (which runs after this one) where it needs more.
 */
@BrowserTest
public abstract class DemoWorkspaceBrowserTest {

    @RegisterExtension
    protected Browsers browsers = new Browsers();

    @Autowired
    private Workspaces workspaces;

    protected Workspaces.Workspace workspace;

    protected Browser.Person person;
    protected WebDriver driver;
    protected WebDriverWait wait;

    @BeforeEach
    protected void openWorkspaceAndBrowser() {
        workspace = workspaces.withDemoContent();
        person = browsers.person();
        driver = person.driver();
        wait = person.waiting();
    }
}
