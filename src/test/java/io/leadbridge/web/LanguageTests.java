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

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LanguageTests.class.getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
