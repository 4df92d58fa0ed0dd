package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.RawHttp;
import io.leadbridge.support.Workspaces;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A signed-in session's attributes are stored in a few bytes (the security context and the CSRF token, read on every
 * request), they rebuild the same person with the same rights, and sessions stored before, in Java serialization, still
 * work.
 */
@BrowserTest
class SessionAttributesTests {

    private static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @Autowired
    JdbcClient jdbc;

    private record Attribute(String name, byte[] bytes) {}

    private static String sessionId(String cookie) {
        return new String(Base64.getDecoder().decode(cookie.substring("SESSION=".length())));
    }

    private List<Attribute> attributes(String cookie) {
        return jdbc.sql("""
                        select a.attribute_name, a.attribute_bytes from spring_session_attributes a
                          join spring_session s on s.primary_id = a.session_primary_id
                        where s.session_id = ? order by a.attribute_name
                        """)
                .param(sessionId(cookie))
                .query((rs, n) -> new Attribute(rs.getString(1), rs.getBytes(2)))
                .list();
    }

    private String signIn(String email, String password) {
        return RawHttp.from(RawHttp.STRANGER, port).sessionCookie(email, password);
    }

    @Test
    void aSignedInSessionHoldsItsContextAndCsrfTokenInAFewBytesAndWorksWithThem() {
        Workspaces.Workspace workspace = workspaces.create();
        String cookie = signIn(workspace.sam().email(), workspace.password());
        RawHttp sam = RawHttp.from(RawHttp.STRANGER, port).header("Cookie", cookie);
        assertThat(sam.get("/sales/queue").status()).isEqualTo(200);

        List<Attribute> stored = attributes(cookie);
        assertThat(stored).extracting(Attribute::name).contains(CONTEXT);
        // Java serialization made the context 1,100-odd bytes and the CSRF token 300-odd.
        assertThat(stored).allSatisfy(a -> assertThat(a.bytes().length).isLessThan(200));

        // The rebuilt person has the rights they signed in with: a sales rep's page, not an admin's.
        assertThat(sam.get("/sales/queue").status()).isEqualTo(200);
        assertThat(sam.get("/admin/users").status()).isEqualTo(403);
        // The CSRF token read back from its compact form accepts a form: the sign-out, which ends the session.
        RawHttp.Response out = sam.postForm("/logout", "/sales/queue", Map.of());
        assertThat(out.header("Location").orElseThrow()).contains("/login?logout");
        assertThat(attributes(cookie)).isEmpty();
        assertThat(sam.get("/sales/queue").status()).isEqualTo(302);
    }

    @Test
    void aSessionStoredInJavaSerializationBeforeStillSignsItsPersonIn() {
        Workspaces.Workspace workspace = workspaces.create();
        String cookie = signIn(workspace.sam().email(), workspace.password());
        byte[] compact = attributes(cookie).stream()
                .filter(a -> a.name().equals(CONTEXT))
                .findFirst()
                .orElseThrow()
                .bytes();
        var conversions = SessionAttributeBytes.conversionService(getClass().getClassLoader());
        SecurityContext context = (SecurityContext) conversions.convert(
                compact, TypeDescriptor.valueOf(byte[].class), TypeDescriptor.valueOf(Object.class));
        assertThat(context.getAuthentication().getPrincipal())
                .isInstanceOfSatisfying(SignedInAccount.class, account -> {
                    assertThat(account.getEmail()).isEqualTo(workspace.sam().email());
                    assertThat(account.tenantId()).isEqualTo(workspace.tenantId());
                    assertThat(account.roles()).containsExactly(Role.SALES_REP);
                });
        byte[] serialized = new SerializingConverter().convert(context);
        assertThat(serialized.length).isGreaterThan(compact.length);
        jdbc.sql("""
                        update spring_session_attributes set attribute_bytes = ?
                        where attribute_name = ? and session_primary_id =
                          (select primary_id from spring_session where session_id = ?)
                        """).params(serialized, CONTEXT, sessionId(cookie)).update();

        RawHttp sam = RawHttp.from(RawHttp.STRANGER, port).header("Cookie", cookie);
        assertThat(sam.get("/sales/queue").status()).isEqualTo(200);
    }
}
