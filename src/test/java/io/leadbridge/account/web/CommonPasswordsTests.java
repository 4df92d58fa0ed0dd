package io.leadbridge.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonPasswordsTests {

    @Test
    void theListHoldsAtLeastTheTop3000PasswordsThatThePolicyWouldOtherwiseAllow() throws IOException {
        List<String> lines;
        try (InputStream in = CommonPasswords.class.getResourceAsStream(CommonPasswords.RESOURCE)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }

        assertThat(CommonPasswords.size()).isGreaterThanOrEqualTo(3000).isEqualTo(lines.size());
        assertThat(lines)
                .allSatisfy(password -> assertThat(password.length()).isBetween(12, 128))
                .doesNotHaveDuplicates()
                .startsWith("123qweasdzxc", "1qaz2wsx3edc");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password1234",
                "Password1234",
                "  PASSWORD1234 ",
                "qwertyuiopasdfgh",
                "123456789012",
                "iloveyouforever",
                "1qaz2wsx3edc4rfv"
            })
    void commonPasswordsAreFoundWhateverTheirCaseAndSurroundingSpaces(String password) {
        assertThat(CommonPasswords.contains(password)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                TestWorkspaces.PASSWORD,
                "demo-password",
                "long-enough-password",
                "initial-password",
                "exactly-12ch",
                "Wandering-Lighthouse-Keeper-47"
            })
    void otherPasswordsAreNot(String password) {
        assertThat(CommonPasswords.contains(password)).isFalse();
    }
}
