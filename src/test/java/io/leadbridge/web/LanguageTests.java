package io.leadbridge.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;

import io.leadbridge.support.IntegrationTest;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class LanguageTests {

    @Autowired
    MockMvc mvc;

    @Test
    void acceptLanguageChoosesTheDefault() throws Exception {
        mvc.perform(get("/login").header("Accept-Language", "de-DE,de;q=0.9"))
                .andExpect(content().string(Matchers.containsString("Anmelden")));
        mvc.perform(get("/login").header("Accept-Language", "fr-FR"))
                .andExpect(content().string(Matchers.containsString("Sign in")));
    }

    @Test
    void theChosenLanguageIsRememberedInACookie() throws Exception {
        Cookie cookie = mvc.perform(get("/login").param("lang", "de"))
                .andExpect(content().string(Matchers.containsString("Arbeitsbereich anlegen")))
                .andExpect(cookie().value("LEADBRIDGE_LANG", "de"))
                .andReturn()
                .getResponse()
                .getCookie("LEADBRIDGE_LANG");

        mvc.perform(get("/signup").cookie(cookie).header("Accept-Language", "en"))
                .andExpect(content().string(Matchers.containsString("Ihr Name")));
    }

    @Test
    void anUnsupportedLanguageIsIgnored() throws Exception {
        mvc.perform(get("/login").param("lang", "xx").header("Accept-Language", "en"))
                .andExpect(content().string(Matchers.containsString("Sign in")))
                .andExpect(cookie().doesNotExist("LEADBRIDGE_LANG"));
    }

    @Test
    void theGermanBundleHasEveryKeyOfTheEnglishOne() throws IOException {
        Properties english = load("/messages.properties");
        Properties german = load("/messages_de.properties");

        Assertions.assertThat(german.stringPropertyNames()).containsAll(english.stringPropertyNames());
        Assertions.assertThat(english.stringPropertyNames()).containsAll(german.stringPropertyNames());
    }

    @Test
    void noKeyIsDefinedTwice() throws IOException {
        for (String resource : new String[] {"/messages.properties", "/messages_de.properties"}) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            java.util.List<String> twice = new java.util.ArrayList<>();
            try (InputStream in = LanguageTests.class.getResourceAsStream(resource)) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (line.contains("=")
                            && !line.startsWith("#")
                            && !seen.add(line.substring(0, line.indexOf('=')))) {
                        twice.add(line);
                    }
                }
            }
            Assertions.assertThat(twice).as(resource).isEmpty();
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LanguageTests.class.getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
