package io.leadbridge.tenant.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.CurrentTenant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The admin keeps the business hours and holidays the SLA clock counts. */
@IntegrationTest
class SettingsPagesTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    BusinessHours hours;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    Calendar calendar(TestWorkspace workspace) {
        return CurrentTenant.callAs(workspace.tenantId(), hours::calendar);
    }

    @Test
    void theAdminChangesWorkingDaysHoursAndTimeZone() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Calendar before = calendar(workspace);
        assertThat(before.workDays())
                .containsExactly(
                        DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

        mvc.perform(post("/admin/settings")
                        .param("timeZone", "America/New_York")
                        .param("workDays", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY")
                        .param("dayStart", "08:30")
                        .param("dayEnd", "18:00")
                        .param("version", Long.toString(before.version()))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "settings.saved"));

        Calendar after = calendar(workspace);
        assertThat(after.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(after.workDays()).doesNotContain(DayOfWeek.FRIDAY).hasSize(4);
        assertThat(after.start()).isEqualTo(LocalTime.of(8, 30));
        assertThat(after.end()).isEqualTo(LocalTime.of(18, 0));

        // A second tab with the old version does not overwrite it.
        mvc.perform(post("/admin/settings")
                        .param("timeZone", "Europe/Berlin")
                        .param("workDays", "MONDAY")
                        .param("dayStart", "09:00")
                        .param("dayEnd", "17:00")
                        .param("version", Long.toString(before.version()))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Someone else changed these settings")));
        assertThat(calendar(workspace).zone()).isEqualTo(ZoneId.of("America/New_York"));
    }

    @Test
    void badSettingsComeBackWithTheErrorsAtTheFieldsAndChangeNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        mvc.perform(post("/admin/settings")
                        .param("timeZone", "Mars/Olympus")
                        .param("dayStart", "17:00")
                        .param("dayEnd", "09:00")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Choose a time zone from the list.")))
                .andExpect(content().string(Matchers.containsString("Choose at least one working day.")))
                .andExpect(content().string(Matchers.containsString("The working day must end after it starts.")));
        Calendar unchanged = calendar(workspace);
        assertThat(unchanged.start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(unchanged.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void holidaysAreAddedOnceAndRemoved() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        mvc.perform(post("/admin/settings/holidays")
                        .param("day", "2026-12-24")
                        .param("name", "Christmas Eve")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "settings.holidayAdded"));
        mvc.perform(post("/admin/settings/holidays")
                        .param("day", "2026-12-24")
                        .param("name", "Again")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "settings.holidayExists"));
        mvc.perform(post("/admin/settings/holidays")
                        .param("day", "24.12.")
                        .param("name", "Broken")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "settings.holidayDateInvalid"));

        assertThat(calendar(workspace).holidays()).containsExactly(LocalDate.of(2026, 12, 24));
        assertThat(calendar(other).holidays()).isEmpty();
        mvc.perform(get("/admin/settings").with(user(workspace.admin())))
                .andExpect(content().string(Matchers.containsString("Christmas Eve")));
        mvc.perform(get("/admin/settings").with(user(other.admin())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Christmas Eve"))));

        // Another workspace's admin removing that day removes nothing here.
        mvc.perform(post("/admin/settings/holidays/delete")
                        .param("day", "2026-12-24")
                        .with(user(other.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(calendar(workspace).holidays()).hasSize(1);
        mvc.perform(post("/admin/settings/holidays/delete")
                        .param("day", "2026-12-24")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "settings.holidayRemoved"));
        assertThat(calendar(workspace).holidays()).isEmpty();
        assertThat(owner.count("select count(*) from holiday where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Autowired
    io.leadbridge.goal.GoalManagement goals;

    String page(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            io.leadbridge.account.SignedInAccount person)
            throws Exception {
        return mvc.perform(request.with(user(person)))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    String currency(TestWorkspace workspace) {
        return owner.jdbc()
                .sql("select currency from tenant where id = ?")
                .param(workspace.tenantId())
                .query(String.class)
                .single();
    }

    @Test
    void theWorkspacesCurrencyCarriesEveryAmountOfThatWorkspaceOnly() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        for (TestWorkspace w : new TestWorkspace[] {workspace, other}) {
            CurrentTenant.callAs(
                    w.tenantId(),
                    () -> goals.set(
                            io.leadbridge.goal.GoalManagement.PeriodKind.QUARTER,
                            goals.today(),
                            new java.math.BigDecimal("50000"),
                            new java.math.BigDecimal("7500.50"),
                            40,
                            w.admin()));
        }
        assertThat(currency(workspace)).isEqualTo("EUR");
        String settings = page(get("/admin/settings"), workspace.admin());
        assertThat(settings).containsPattern("<option value=\"EUR\"[^>]*selected");
        assertThat(settings).contains("<option value=\"USD\"", "<option value=\"GBP\"", "<option value=\"CHF\"");

        Calendar calendar = calendar(workspace);
        mvc.perform(post("/admin/settings")
                        .param("timeZone", "Europe/Berlin")
                        .param("workDays", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                        .param("dayStart", "09:00")
                        .param("dayEnd", "17:00")
                        .param("currency", "USD")
                        .param("version", Long.toString(calendar.version()))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "settings.saved"));
        assertThat(currency(workspace)).isEqualTo("USD");
        assertThat(currency(other)).isEqualTo("EUR");
        assertThat(page(get("/admin/settings"), workspace.admin()))
                .containsPattern("<option value=\"USD\"[^>]*selected");

        assertThat(page(get("/goals"), workspace.liaison())).contains("$0 won of $50,000", "$7,500.50");
        assertThat(page(get("/goals").locale(java.util.Locale.GERMAN), workspace.liaison()))
                .contains("0\u00a0$ gewonnen von 50.000\u00a0$", "7.500,50\u00a0$");
        assertThat(page(get("/goals"), other.liaison())).contains("€0 won of €50,000");
        assertThat(page(get("/goals").locale(java.util.Locale.GERMAN), other.liaison()))
                .contains("0\u00a0€ gewonnen von 50.000\u00a0€");

        // A currency not on the list is refused at the field; nothing changes.
        mvc.perform(post("/admin/settings")
                        .param("timeZone", "Europe/Berlin")
                        .param("workDays", "MONDAY")
                        .param("dayStart", "09:00")
                        .param("dayEnd", "17:00")
                        .param("currency", "XAU")
                        .param("version", Long.toString(calendar(workspace).version()))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Choose a currency from the list.")));
        assertThat(currency(workspace)).isEqualTo("USD");
        assertThat(calendar(workspace).workDays()).hasSize(5);
    }
}
