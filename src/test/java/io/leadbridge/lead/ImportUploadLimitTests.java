package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An upload over the limit, through the real server (Tomcat parses multipart bodies, MockMvc does not): the marketer
 * gets the import page with a message, not Tomcat's bare 413 page (issue 15, finding 9).
 */
@BrowserTest
class ImportUploadLimitTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String page(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
        return matcher.group(1);
    }

    @Test
    void aFileOverTheLimitGetsTheImportPageWithAMessage() throws Exception {
        String token = csrf(page("/login"));
        String form = "username=mia%40acme.example&password=demo-password&_csrf="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        // Just over the file limit: read up to the limit and refused on the import page.
        HttpResponse<String> answer = upload(51);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("id=\"file-error\"", "The file is larger than 50 MB");

        // Far over it: refused before Tomcat parses it, and sent to the import page with the same message.
        answer = upload(60);
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/leads/import?tooLarge");
        assertThat(page("/leads/import?tooLarge")).contains("id=\"file-error\"", "The file is larger than 50 MB");
    }

    private HttpResponse<String> upload(int mebibytes) throws Exception {
        String token = csrf(page("/leads/import"));
        String boundary = "----leadbridge-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token
                        + "\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.csv\"\r\n"
                        + "Content-Type: text/csv\r\n\r\nemail,companyName\r\n")
                .getBytes(StandardCharsets.UTF_8));
        byte[] rows = new byte[mebibytes * 1024 * 1024];
        Arrays.fill(rows, (byte) 'a');
        body.writeBytes(rows);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(uri("/leads/import"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
