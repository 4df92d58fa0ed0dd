package io.leadbridge.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The start-up check reads the server's autovacuum setting as the application's role, and warns when it is off. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DatabaseHousekeepingTests {

    @Autowired
    DatabaseHousekeeping housekeeping;

    @Autowired
    OwnerDatabase owner;

    @Test
    void theOperatorIsWarnedExactlyWhenTheServerDoesNotVacuumOnItsOwn(CapturedOutput output) {
        boolean on =
                owner.jdbc().sql("show autovacuum").query(String.class).single().equals("on");

        assertThat(housekeeping.autovacuum()).isEqualTo(on);
        housekeeping.check();
        if (on) {
            assertThat(output.getOut()).doesNotContain(DatabaseHousekeeping.AUTOVACUUM_OFF);
        } else {
            assertThat(output.getOut()).contains("WARN").contains(DatabaseHousekeeping.AUTOVACUUM_OFF);
        }
    }
}
