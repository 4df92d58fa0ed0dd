package io.leadbridge.account;

import static io.leadbridge.account.TestWorkspaces.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The throttles of sign-in, sign-up and API keys (issue 15, findings 1 and 5): counted in PostgreSQL by hashed
 * subject, per account across all addresses with growing delays, per address, per trusted browser; bounded and
 * forgotten.
 */
@IntegrationTest
class SignInThrottleTests {

    @Autowired
    BrowserSessions sessions;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    Throttle throttle;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    LoginAccounts logins;

    @Autowired
    AccountManagement accounts;

    /** A client address of this test's own, so the suite's other sign-ins never count against it. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    }

    private long rows(Throttle.Scope scope, String subject) {
        return owner.count(
                "select count(*) from throttle where scope = ? and subject = ?", scope.name(), Throttle.hash(subject));
    }

    /** The subject's delay as the database holds it, in seconds (0 when it need not wait). */
    private long delaySeconds(Throttle.Scope scope, String subject) {
        return owner.jdbc()
                .sql("""
                        select coalesce(extract(epoch from blocked_until - last_failure), 0)::bigint
                        from throttle where scope = ? and subject = ?
                        """)
                .params(scope.name(), Throttle.hash(subject))
                .query(Long.class)
                .single();
    }

    /** Lets the subject's delay pass, as if its time had come. */
    private void delayPassed(Throttle.Scope scope, String subject) {
        owner.jdbc().sql("""
                        update throttle set blocked_until = now() - interval '1 millisecond'
                        where scope = ? and subject = ?
                        """).params(scope.name(), Throttle.hash(subject)).update();
    }

    @Test
    void aUsernameLongerThanAnyEmailAddressIsRefusedBeforeItIsLookedUpOrKept() throws Exception {
        String address = address();
        String huge = "a".repeat(1_900_000) + "@example.com";

        for (int i = 0; i < 3; i++) {
            mvc.perform(signIn(huge + i, "whatever password", address))
                    .andExpect(redirectedUrl("/login?error"))
                    .andExpect(sessions.signedOut());
        }

        // Nothing of the username is kept: no account row, and the address's row is one fixed-size hash.
        assertThat(rows(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(huge + 0))).isZero();
        assertThat(rows(Throttle.Scope.SIGN_IN_ADDRESS, address)).isOne();
        assertThat(owner.count("select count(*) from throttle where length(subject) <> 32"))
                .isZero();
    }

    @Test
    void aUsernameWithANulOrOtherControlCharactersIsAWrongSignInNotAnError() throws Exception {
        String address = address();
        long accountsCounted = owner.count("select count(*) from throttle where scope = 'SIGN_IN_ACCOUNT'");
        for (String username :
                List.of("jana\u0000@example.com", "jana\u001b[31m@example.com", "ja\u0000\u0000na@x.example")) {
            mvc.perform(signIn(username, "whatever password", address))
                    .andExpect(redirectedUrl("/login?error"))
                    .andExpect(sessions.signedOut());
        }
        // Refused before it is looked up or counted for an account; the address's failures count.
        assertThat(owner.count("select count(*) from throttle where scope = 'SIGN_IN_ACCOUNT'"))
                .isEqualTo(accountsCounted);
        assertThat(owner.count(
                        "select failures from throttle where scope = 'SIGN_IN_ADDRESS' and subject = ?",
                        Throttle.hash(address)))
                .isEqualTo(3);
    }

    @Test
    void whatTheThrottleKeepsIsBoundedByCountAndTime() throws Exception {
        String address = address();
        long before = owner.count("select count(*) from throttle");
        long bytesBefore = owner.count("select coalesce(sum(pg_column_size(t.*)), 0) from throttle t");

        // 200 failed sign-ins, each with a different 254-character username: one row each, of a fixed size.
        for (int i = 0; i < 200; i++) {
            String email = String.format("%0245d", i) + "@ex.ample";
            throttle.failed(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(email));
        }
        long added = owner.count("select count(*) from throttle") - before;
        long bytes = owner.count("select coalesce(sum(pg_column_size(t.*)), 0) from throttle t") - bytesBefore;
        assertThat(added).isEqualTo(200);
        assertThat(bytes / added).as("bytes per remembered subject").isLessThan(120);

        // Each is forgotten with its window: once it has passed, the clean-up deletes it.
        owner.jdbc()
                .sql("update throttle set expires_at = now() - interval '1 second' where scope = 'SIGN_IN_ACCOUNT'")
                .update();
        throttle.forgetExpired();
        assertThat(owner.count("select count(*) from throttle where scope = 'SIGN_IN_ACCOUNT'"))
                .isZero();
        assertThat(rows(Throttle.Scope.SIGN_IN_ADDRESS, address)).isZero();
    }

    @Test
    void failuresAtOneAccountFromManyAddressesDelayItWithGrowingPauses() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = workspace.salesRep().getEmail();

        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(signIn(email, "wrong password " + attempt, address())).andExpect(redirectedUrl("/login?error"));
        }
        // The sixth attempt, even with the right password and from yet another address, waits its turn.
        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address()))
                .andExpect(header().string("Location", startsWith("/login?locked&wait=")))
                .andExpect(sessions.signedOut());
        assertThat(delaySeconds(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(email)))
                .isEqualTo(5);
        mvc.perform(get("/login").param("locked", "").param("wait", "5"))
                .andExpect(content().string(Matchers.containsString("Please try again in 5 seconds.")));

        // Each further failure after the pause doubles it.
        delayPassed(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(email));
        mvc.perform(signIn(email, "wrong password 6", address())).andExpect(redirectedUrl("/login?error"));
        assertThat(delaySeconds(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(email)))
                .isEqualTo(10);
        delayPassed(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(email));
        mvc.perform(signIn(email, "wrong password 7", address())).andExpect(redirectedUrl("/login?error"));
        assertThat(delaySeconds(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(email)))
                .isEqualTo(20);

        // Once the pause is over the right password signs in; it takes back its own attempt, not the failures before
        // it (another account of the address may be the one under attack), which are forgotten an hour after the last.
        delayPassed(Throttle.Scope.SIGN_IN_ACCOUNT, logins.key(email));
        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address())).andExpect(sessions.signedIn());
        assertThat(owner.count(
                        "select failures from throttle where scope = 'SIGN_IN_ACCOUNT' and subject = ?"
                                + " and (blocked_until is null or blocked_until < now())",
                        Throttle.hash(logins.key(email))))
                .isEqualTo(7);
    }

    @Test
    void ofManyParallelGuessesAtOneAccountOnlyTheFreeOnesGetAPasswordCheck() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = workspace.marketer().getEmail();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int guess = i;
                Callable<String> attempt = () -> mvc.perform(signIn(email, "guess number " + guess, address()))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl();
                answers.add(pool.submit(attempt));
            }
            List<String> locations = new ArrayList<>();
            for (Future<String> answer : answers) {
                locations.add(answer.get());
            }
            assertThat(locations.stream().filter("/login?error"::equals)).hasSize(5);
            assertThat(locations.stream().filter(l -> l.startsWith("/login?locked")))
                    .hasSize(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBrowserThatSignedInBeforeIsNotKeptOutByAStrangersGuesses() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = workspace.liaison().getEmail();
        MockHttpServletResponse first = mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address()))
                .andExpect(sessions.signedIn())
                .andReturn()
                .getResponse();
        Cookie browser = first.getCookie(TrustedBrowsers.COOKIE);
        assertThat(browser).isNotNull();
        assertThat(browser.isHttpOnly()).isTrue();
        assertThat(browser.getPath()).isEqualTo("/login");

        for (int attempt = 1; attempt <= 6; attempt++) {
            mvc.perform(signIn(email, "a stranger's guess " + attempt, address()));
        }
        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address()))
                .andExpect(header().string("Location", startsWith("/login?locked")));

        // The person's own browser still signs in; someone else's browser cookie does not help the stranger.
        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address()).cookie(browser))
                .andExpect(sessions.signedIn());
        TestWorkspace other = workspaces.create();
        Cookie othersBrowser = mvc.perform(signIn(other.liaison().getEmail(), TestWorkspaces.PASSWORD, address()))
                .andReturn()
                .getResponse()
                .getCookie(TrustedBrowsers.COOKIE);
        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address()).cookie(othersBrowser))
                .andExpect(header().string("Location", startsWith("/login?locked")));
    }

    @Test
    void oneAddressFailingAtManyAccountsIsPausedForAllOfThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String address = address();
        for (int attempt = 1; attempt <= Throttle.Scope.SIGN_IN_ADDRESS.free; attempt++) {
            throttle.failed(Throttle.Scope.SIGN_IN_ADDRESS, address);
        }

        mvc.perform(signIn(workspace.admin().getEmail(), TestWorkspaces.PASSWORD, address))
                .andExpect(header().string("Location", startsWith("/login?locked")))
                .andExpect(sessions.signedOut());
        // The account itself was not charged for the address's pause.
        assertThat(rows(
                        Throttle.Scope.SIGN_IN_ACCOUNT,
                        logins.key(workspace.admin().getEmail())))
                .isZero();
        mvc.perform(signIn(workspace.admin().getEmail(), TestWorkspaces.PASSWORD, address()))
                .andExpect(sessions.signedIn());
    }

    @Test
    void anAccountOfTheSameAddressElsewhereNeitherClearsTheCountNorLendsItsBrowsersTrust() throws Exception {
        TestWorkspace victim = workspaces.create();
        String email = victim.marketer().getEmail();
        // The attacker opens a workspace of their own with the victim's address and a password of their own.
        SignedInAccount attacker = accounts.signUp(new AccountManagement.SignUp(
                "Attacker " + UUID.randomUUID(),
                "Eve",
                email,
                "the attacker's own password",
                java.util.Locale.ENGLISH));
        String address = address();
        Cookie attackersBrowser = mvc.perform(signIn(email, "the attacker's own password", address))
                .andExpect(sessions.signedIn())
                .andReturn()
                .getResponse()
                .getCookie(TrustedBrowsers.COOKIE);

        // From the attacker's trusted browser, guesses are checked against the attacker's account only.
        for (int guess = 1; guess <= 6; guess++) {
            mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address()).cookie(attackersBrowser))
                    .andExpect(sessions.signedOut());
        }
        // Without it, they count for the address; the attacker's own correct password takes back only its own attempt.
        for (int guess = 1; guess <= 4; guess++) {
            mvc.perform(signIn(email, "guess " + guess + " at the victim", address()))
                    .andExpect(redirectedUrl("/login?error"));
            mvc.perform(signIn(email, "the attacker's own password", address())).andExpect(sessions.signedIn());
        }
        mvc.perform(signIn(email, "guess 5 at the victim", address())).andExpect(redirectedUrl("/login?error"));
        mvc.perform(signIn(email, "the attacker's own password", address()))
                .andExpect(header().string("Location", startsWith("/login?locked")));
        assertThat(attacker.tenantId()).isNotEqualTo(victim.tenantId());
    }

    @Test
    void everySpellingThatOpensTheSameAccountSharesItsCount() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = workspace.admin().getEmail();
        assertThat(email).contains("i");
        // PostgreSQL's lower case of the Turkish dotted İ is i (Java's is i and a combining dot): the same account.
        String spelling = email.replaceFirst("i", "İ").toUpperCase(java.util.Locale.ROOT);

        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(signIn(spelling, "wrong password " + attempt, address()))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, address()))
                .andExpect(header().string("Location", startsWith("/login?locked")));
    }

    @Test
    void aCorrectPasswordFromABusyAddressDoesNotPauseTheAddress() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String address = address();
        for (int failure = 0; failure < Throttle.Scope.SIGN_IN_ADDRESS.free + 5; failure++) {
            throttle.failed(Throttle.Scope.SIGN_IN_ADDRESS, address);
        }
        delayPassed(Throttle.Scope.SIGN_IN_ADDRESS, address);

        mvc.perform(signIn(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD, address))
                .andExpect(sessions.signedIn());
        // The next person at that address is not held up by someone else's success.
        mvc.perform(signIn(workspace.salesRep().getEmail(), TestWorkspaces.PASSWORD, address))
                .andExpect(sessions.signedIn());
        assertThat(delaySeconds(Throttle.Scope.SIGN_IN_ADDRESS, address)).isLessThanOrEqualTo(0);
    }

    @Test
    void anIpv6ClientIsCountedByItsNetwork() {
        assertThat(ClientAddresses.subject("2001:db8:1:2:3:4:5:6"))
                .isEqualTo(ClientAddresses.subject("2001:db8:1:2::ffff"));
        assertThat(ClientAddresses.subject("2001:db8:1:2::1")).isNotEqualTo(ClientAddresses.subject("2001:db8:1:3::1"));
        assertThat(ClientAddresses.subject("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void signUpsFromOneAddressArePausedAfterTen() throws Exception {
        String address = address();
        for (int i = 0; i < Throttle.Scope.SIGN_UP_ADDRESS.free; i++) {
            mvc.perform(signUp("Busy Network " + UUID.randomUUID(), address)).andExpect(redirectedUrl("/"));
        }
        String refused = "One Too Many " + UUID.randomUUID();
        mvc.perform(signUp(refused, address))
                .andExpect(status().isUnprocessableContent())
                .andExpect(sessions.signedOut())
                .andExpect(
                        content().string(Matchers.containsString("Too many workspaces were opened from your network")));
        assertThat(owner.count("select count(*) from tenant where name = ?", refused))
                .isZero();

        mvc.perform(signUp("Another Network " + UUID.randomUUID(), address())).andExpect(redirectedUrl("/"));
    }

    private static MockHttpServletRequestBuilder signUp(String workspace, String address) {
        return post("/signup")
                .with(csrf())
                .param("workspaceName", workspace)
                .param("name", "Nora Network")
                .param("email", TestWorkspaces.uniqueEmail("nora"))
                .param("password", "long-enough-password")
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    @Test
    void wrongApiKeysFromOneAddressArePausedWith429() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String key = apiKeys.create(workspace, "Form").value();
        String address = address();
        for (int i = 0; i < Throttle.Scope.API_KEY_ADDRESS.free; i++) {
            mvc.perform(get("/api/v1/leads/1")
                            .header("Authorization", "Bearer lb_guess" + i)
                            .with(r -> {
                                r.setRemoteAddr(address);
                                return r;
                            }))
                    .andExpect(status().isUnauthorized());
        }

        // Now even the right key from that address waits; from another address it works.
        mvc.perform(get("/api/v1/leads/1")
                        .header("Authorization", "Bearer " + key)
                        .with(r -> {
                            r.setRemoteAddr(address);
                            return r;
                        }))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(429));
        mvc.perform(get("/api/v1/leads/1")
                        .header("Authorization", "Bearer " + key)
                        .with(r -> {
                            r.setRemoteAddr(address());
                            return r;
                        }))
                .andExpect(status().isNotFound());
    }
}
