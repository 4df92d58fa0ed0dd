package io.leadbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 over a plain socket to the application under test (a {@link BrowserTest}'s real server), from a chosen
 * loopback address and with any headers: {@code java.net.http} neither lets a test set {@code Host} nor choose the
 * address it connects from, and MockMvc never runs Tomcat's valves. The {@code BrowserTest} context trusts only
 * {@value #PROXY} as a proxy, so {@value #STRANGER} is a client whose {@code X-Forwarded-*} headers must be ignored.
 */
public final class RawHttp {

    /** The address of the trusted reverse proxy (Tomcat's RemoteIpValve believes its forwarded headers). */
    public static final String PROXY = "127.0.0.1";

    /** Any other client: also on this machine, but not a trusted proxy. */
    public static final String STRANGER = "127.0.0.2";

    /** The cookie that holds a stranger's CSRF token on the sign-in and sign-up pages. */
    public static final String CSRF_COOKIE = "LB-CSRF";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final String from;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private RawHttp(int port, String from) {
        this.port = port;
        this.from = from;
    }

    /** Requests to the server on this port, sent from {@code from} (a loopback address). */
    public static RawHttp from(String from, int port) {
        return new RawHttp(port, from);
    }

    /** Sends this header with every request (replacing the default {@code Host: localhost:<port>}). */
    public RawHttp header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** Posts a form, with the session's CSRF token read from {@code tokenPage} (a page holding a form). */
    public Response postForm(String path, String tokenPage, Map<String, String> fields) {
        Response page = get(tokenPage);
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new IllegalStateException(tokenPage + " holds no CSRF token: " + page.status());
        }
        // The cookies a browser would keep: the session's, and the sign-in and sign-up pages' CSRF cookie.
        Map<String, String> cookies = new LinkedHashMap<>();
        String sent = headers.get("Cookie");
        if (sent != null) {
            for (String pair : sent.split(";\\s*")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        for (String name : List.of("SESSION", CSRF_COOKIE)) {
            page.cookie(name).filter(value -> !value.isEmpty()).ifPresent(value -> cookies.put(name, value));
        }
        if (!cookies.isEmpty()) {
            header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", token.group(1));
        return postRaw(path, form);
    }

    /** The CSRF token of a page holding a form. */
    public static String csrfTokenOf(String body) {
        Matcher token = CSRF.matcher(body);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return token.group(1);
    }

    /** Posts exactly these fields (no token is fetched). */
    public Response postRaw(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, body);
    }

    /** Signs in through {@code /login} and sends that session's cookie with every later request. */
    public RawHttp signedInAs(String email, String password) {
        return header("Cookie", sessionCookie(email, password));
    }

    /**
     * Signs in through {@code /login} (fetching the form's token first, as a browser does) and answers the session's
     * {@code Cookie} header value, {@code SESSION=…}; fails the test when the sign-in does not succeed.
     */
    public String sessionCookie(String email, String password) {
        Response login = postForm("/login", "/login", Map.of("username", email, "password", password));
        String session = login.cookie("SESSION")
                .orElseThrow(() -> new IllegalStateException("sign-in failed: " + login.status() + " "
                        + login.header("Location").orElse("")));
        if (login.status() != 302 || login.header("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + login.header("Location"));
        }
        return "SESSION=" + session;
    }

    private Response send(String method, String path, String form) {
        try (Socket socket = new Socket(InetAddress.getByName("localhost"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + port);
            all.putAll(headers);
            all.put("Connection", "close");
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                all.put("Content-Type", "application/x-www-form-urlencoded");
                all.put("Content-Length", Integer.toString(body.length));
            }
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            all.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return Response.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: its status, its header lines as sent, its body as text. */
    public record Response(int status, List<String> headerLines, String body) {

        static Response read(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
            List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
            int status = Integer.parseInt(lines.remove(0).split(" ")[1]);
            byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            boolean chunked = lines.stream()
                    .anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
                            && line.toLowerCase(Locale.ROOT).contains("chunked"));
            return new Response(status, lines, new String(chunked ? unchunk(rest) : rest, StandardCharsets.UTF_8));
        }

        /** The values of a header, in order. */
        public List<String> headers(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip())
                    .toList();
        }

        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        /** The {@code Set-Cookie} header that sets this cookie, whole (with its attributes). */
        public Optional<String> setCookie(String name) {
            return headers("Set-Cookie").stream()
                    .filter(cookie -> cookie.startsWith(name + "="))
                    .findFirst();
        }

        public Optional<String> cookie(String name) {
            return setCookie(name).map(cookie -> cookie.substring(name.length() + 1, (cookie + ";").indexOf(';')));
        }

        /** Every header and the body, as one text: to check that something appears nowhere in the response. */
        public String whole() {
            return String.join("\n", headerLines) + "\n\n" + body;
        }

        private static byte[] unchunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
                String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            return indexOf(data, pattern, 0);
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = from; i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("incomplete HTTP response");
        }
    }
}
