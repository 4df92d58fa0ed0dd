package io.leadbridge.handoff;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rotation that hands leads to reps in turn when marketing chooses none. */
@Component
class RoundRobin {

    private final JdbcClient jdbc;
    private final AccountManagement accounts;
    private final BusinessHours hours;
    private final Clock clock;

    RoundRobin(JdbcClient jdbc, AccountManagement accounts, BusinessHours hours, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.hours = hours;
        this.clock = clock;
    }

    /**
     * The next rep in the rotation after the last round-robin assignee, skipping reps who are away or have reached
     * the daily cap. A lock per workspace serialises concurrent round-robin handoffs, so each sees the one before and
     * the rotation stays fair.
     */
    Person next(Integer capPerDay) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || ':round-robin', 0))")
                .param(CurrentTenant.require().toString())
                .query(Object.class)
                .single();
        List<Person> available = reps().stream()
                .filter(p -> !p.away())
                .sorted(Comparator.comparing(Person::id))
                .toList();
        Map<Long, Long> today = new LinkedHashMap<>();
        if (capPerDay != null) {
            Calendar calendar = hours.calendar();
            LocalDate date = clock.instant().atZone(calendar.zone()).toLocalDate();
            Timestamp since = Timestamp.from(date.atStartOfDay(calendar.zone()).toInstant());
            jdbc.sql("""
                            select assignee_id, count(*) from handoff
                            where tenant_id = ? and round_robin and handed_at >= ? group by assignee_id
                            """)
                    .params(CurrentTenant.require(), since)
                    .query((rs, row) -> today.put(rs.getLong(1), rs.getLong(2)))
                    .list();
        }
        List<Person> eligible = available.stream()
                .filter(p -> capPerDay == null || today.getOrDefault(p.id(), 0L) < capPerDay)
                .toList();
        if (eligible.isEmpty()) {
            throw Refusal.field("assignee", "handoff.noRepAvailable");
        }
        long last = jdbc.sql("""
                        select assignee_id from handoff where tenant_id = ? and round_robin order by id desc limit 1
                        """)
                .param(CurrentTenant.require())
                .query(Long.class)
                .optional()
                .orElse(Long.MIN_VALUE);
        return eligible.stream().filter(p -> p.id() > last).findFirst().orElse(eligible.get(0));
    }

    private List<Person> reps() {
        return accounts.activeWith(Role.SALES_REP);
    }
}
