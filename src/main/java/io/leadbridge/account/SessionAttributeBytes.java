package io.leadbridge.account;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * How a session's attributes are stored in {@code spring_session_attributes}: the two every signed-in session holds —
 * the security context and the CSRF token — in a few bytes of their own, everything else in Java serialization as
 * Spring Session stores it by default.
 *
 * <p>Java serialization writes the class descriptors of everything it reaches: a signed-in person's security context
 * (the token, its authorities, its sign-in details, the {@link SignedInAccount} with its roles) was 1,100-odd bytes
 * and the CSRF token 300-odd, read on every request by the join of Spring Session's look-up. The compact form keeps
 * what rebuilds the same authentication — the person's account, workspace, names, roles, whether active — and the
 * token's three strings. The sign-in details (the client's address and browser token at sign-in) are left out: only the
 * sign-in itself reads them ({@link PasswordSignIn}), never a later request.
 *
 * <p>A compact value starts with a byte that Java serialization never starts with ({@code 0xAC 0xED} is its stream
 * header), so rows written before, in Java serialization, are read as before; anything the compact form does not
 * describe exactly (another kind of authentication, a context with credentials) is written in Java serialization too.
 */
final class SessionAttributeBytes {

    private static final byte SIGNED_IN_CONTEXT = 1;
    private static final byte CSRF_TOKEN = 2;
    private static final byte EMPTY_CONTEXT = 3;

    private SessionAttributeBytes() {}

    /** Spring Session's conversion service (Object to byte[] and back) with the compact forms. */
    static GenericConversionService conversionService(ClassLoader classLoader) {
        GenericConversionService conversions = new GenericConversionService();
        SerializingConverter serializing = new SerializingConverter();
        DeserializingConverter deserializing = new DeserializingConverter(classLoader);
        conversions.addConverter(new GenericConverter() {
            @Override
            public Set<ConvertiblePair> getConvertibleTypes() {
                return Set.of(new ConvertiblePair(Object.class, byte[].class));
            }

            @Override
            public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
                if (source == null) {
                    return null;
                }
                byte[] compact = compact(source);
                return compact != null ? compact : serializing.convert(source);
            }
        });
        conversions.addConverter(new GenericConverter() {
            @Override
            public Set<ConvertiblePair> getConvertibleTypes() {
                return Set.of(new ConvertiblePair(byte[].class, Object.class));
            }

            @Override
            public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
                if (source == null) {
                    return null;
                }
                byte[] bytes = (byte[]) source;
                return bytes.length > 0 && bytes[0] >= SIGNED_IN_CONTEXT && bytes[0] <= EMPTY_CONTEXT
                        ? read(bytes)
                        : deserializing.convert(bytes);
            }
        });
        return conversions;
    }

    /** The compact form of the value, or null when it has none (it is then serialized). */
    static byte[] compact(Object value) {
        if (value instanceof SecurityContextImpl context) {
            Authentication authentication = context.getAuthentication();
            if (authentication == null) {
                return new byte[] {EMPTY_CONTEXT};
            }
            if (authentication instanceof UsernamePasswordAuthenticationToken token
                    && token.getClass() == UsernamePasswordAuthenticationToken.class
                    && token.isAuthenticated()
                    && token.getCredentials() == null
                    && token.getPrincipal() instanceof SignedInAccount account
                    && account.getPassword() == null
                    && token.getAuthorities().equals(account.getAuthorities())) {
                return write(out -> {
                    out.writeByte(SIGNED_IN_CONTEXT);
                    out.writeLong(account.accountId());
                    out.writeLong(account.tenantId().getMostSignificantBits());
                    out.writeLong(account.tenantId().getLeastSignificantBits());
                    writeText(out, account.getWorkspaceName());
                    writeText(out, account.getEmail());
                    writeText(out, account.getDisplayName());
                    out.writeByte(account.roles().size());
                    for (Role role : account.roles()) {
                        out.writeUTF(role.name());
                    }
                    out.writeBoolean(account.isEnabled());
                });
            }
            return null;
        }
        if (value instanceof DefaultCsrfToken token) {
            return write(out -> {
                out.writeByte(CSRF_TOKEN);
                out.writeUTF(token.getHeaderName());
                out.writeUTF(token.getParameterName());
                out.writeUTF(token.getToken());
            });
        }
        return null;
    }

    private static Object read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte kind = in.readByte();
            if (kind == EMPTY_CONTEXT) {
                return new SecurityContextImpl();
            }
            if (kind == CSRF_TOKEN) {
                CsrfToken token = new DefaultCsrfToken(in.readUTF(), in.readUTF(), in.readUTF());
                return token;
            }
            long accountId = in.readLong();
            UUID tenantId = new UUID(in.readLong(), in.readLong());
            String workspaceName = readText(in);
            String email = readText(in);
            String displayName = readText(in);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (int n = in.readByte(); n > 0; n--) {
                roles.add(Role.valueOf(in.readUTF()));
            }
            boolean active = in.readBoolean();
            SignedInAccount account =
                    new SignedInAccount(accountId, tenantId, workspaceName, email, displayName, roles, active, null);
            SecurityContext context = new SecurityContextImpl(
                    UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities()));
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("A session attribute's compact form could not be read", e);
        }
    }

    /** A text that may be null: a byte that says whether it is there, then the text. */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
