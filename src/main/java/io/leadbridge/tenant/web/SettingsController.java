package io.leadbridge.tenant.web;

import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.WorkspaceSettings;
import io.leadbridge.text.PlainTexts;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/settings}: the workspace's time zone, working days and hours, and holidays — what the SLA clock
 * counts — and the currency of every amount.
 */
@Controller
class SettingsController {

    static final List<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds())
            .stream()
                    .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
                    .toList();

    private final BusinessHours hours;
    private final WorkspaceSettings settings;

    SettingsController(BusinessHours hours, WorkspaceSettings settings) {
        this.hours = hours;
        this.settings = settings;
    }

    @GetMapping("/admin/settings")
    String settings(Model model) {
        Calendar calendar = hours.calendar();
        return page(
                model,
                calendar.zone().getId(),
                calendar.workDays(),
                calendar.start().toString(),
                calendar.end().toString(),
                calendar.version(),
                settings.currency().getCurrencyCode(),
                Map.of());
    }

    @PostMapping("/admin/settings")
    String save(
            @RequestParam(required = false) String timeZone,
            @RequestParam(required = false) List<String> workDays,
            @RequestParam(required = false) String dayStart,
            @RequestParam(required = false) String dayEnd,
            @RequestParam(required = false) String currency,
            @RequestParam(defaultValue = "0") long version,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = null;
        try {
            zone = timeZone == null || !ZONES.contains(timeZone) ? null : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            zone = null;
        }
        if (zone == null) {
            errors.put("timeZone", "settings.timeZoneInvalid");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : workDays == null ? List.<String>of() : workDays) {
            try {
                days.add(DayOfWeek.valueOf(day));
            } catch (IllegalArgumentException e) {
                errors.put("workDays", "settings.workDaysRequired");
            }
        }
        if (days.isEmpty()) {
            errors.put("workDays", "settings.workDaysRequired");
        }
        LocalTime start = time(dayStart);
        LocalTime end = time(dayEnd);
        if (start == null) {
            errors.put("dayStart", "settings.timeInvalid");
        }
        if (end == null) {
            errors.put("dayEnd", "settings.timeInvalid");
        } else if (start != null && !start.isBefore(end)) {
            errors.put("dayEnd", "settings.endBeforeStart");
        }
        // A form without the field (an older page) keeps the currency.
        Currency money = currency == null
                ? settings.currency()
                : WorkspaceSettings.currency(currency).orElse(null);
        if (money == null) {
            errors.put("currency", "settings.currencyInvalid");
        }
        if (errors.isEmpty()) {
            if (settings.change(days, start, end, zone, money, version)) {
                redirect.addFlashAttribute("flashSuccess", "settings.saved");
                return "redirect:/admin/settings";
            }
            errors.put("global", "settings.changedMeanwhile");
            version = hours.calendar().version();
        }
        response.setStatus(422);
        return page(
                model,
                timeZone,
                days,
                dayStart,
                dayEnd,
                version,
                currency == null ? settings.currency().getCurrencyCode() : currency,
                errors);
    }

    @PostMapping("/admin/settings/holidays")
    String addHoliday(
            @RequestParam(required = false) String day,
            @RequestParam(required = false) String name,
            RedirectAttributes redirect) {
        LocalDate date = date(day);
        if (date == null) {
            redirect.addFlashAttribute("flashError", "settings.holidayDateInvalid");
        } else if (name == null || name.isBlank() || name.strip().length() > 120) {
            redirect.addFlashAttribute("flashError", "settings.holidayNameInvalid");
        } else if (!PlainTexts.singleLine(name)) {
            redirect.addFlashAttribute("flashError", "validation.plainText");
        } else if (!hours.addHoliday(date, name)) {
            redirect.addFlashAttribute("flashError", "settings.holidayExists");
        } else {
            redirect.addFlashAttribute("flashSuccess", "settings.holidayAdded");
        }
        return "redirect:/admin/settings#holidays";
    }

    @PostMapping("/admin/settings/holidays/delete")
    String removeHoliday(@RequestParam(required = false) String day, RedirectAttributes redirect) {
        LocalDate date = date(day);
        if (date != null) {
            hours.removeHoliday(date);
            redirect.addFlashAttribute("flashSuccess", "settings.holidayRemoved");
        }
        return "redirect:/admin/settings#holidays";
    }

    private String page(
            Model model,
            String zone,
            Set<DayOfWeek> days,
            String start,
            String end,
            long version,
            String currency,
            Map<String, String> errors) {
        model.addAttribute("zones", ZONES);
        model.addAttribute("currencies", WorkspaceSettings.CURRENCIES);
        model.addAttribute("currency", currency);
        model.addAttribute("allDays", DayOfWeek.values());
        model.addAttribute("timeZone", zone);
        model.addAttribute("workDays", days);
        model.addAttribute("dayStart", start);
        model.addAttribute("dayEnd", end);
        model.addAttribute("version", version);
        model.addAttribute("errors", errors);
        model.addAttribute("holidays", hours.holidays());
        return "admin/settings/settings";
    }

    private static LocalTime time(String text) {
        try {
            return text == null ? null : LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
