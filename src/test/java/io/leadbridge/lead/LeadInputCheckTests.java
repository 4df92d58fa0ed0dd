package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quick check before Bean Validation (issue 21) passes exactly the inputs Bean Validation finds nothing wrong with:
 * the same answer for many inputs near every constraint's edge, so an invalid row can never slip past the validator.
 */
class LeadInputCheckTests {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void coversEveryConstraintOfTheLeadsInput() {
        assertThat(LeadInputCheck.of(validator).on()).isTrue();
    }

    @Test
    void passesAValidInputAndNotAnInvalidOne() {
        LeadInputCheck check = LeadInputCheck.of(validator);
        LeadInput valid = valid();
        assertThat(check.certainlyValid(valid)).isTrue();
        assertThat(validator.validate(valid)).isEmpty();

        LeadInput tooLong = valid();
        tooLong.setFirstName("x".repeat(81));
        assertThat(check.certainlyValid(tooLong)).isFalse();
        assertThat(validator.validate(tooLong)).isNotEmpty();

        LeadInput control = valid();
        control.setCompanyName("Acme\u0000GmbH");
        assertThat(check.certainlyValid(control)).isFalse();
    }

    @Test
    void answersAsBeanValidationDoesForInputsNearEveryEdge() {
        LeadInputCheck check = LeadInputCheck.of(validator);
        Random random = new Random(21);
        List<String> texts = List.of(
                "",
                " ",
                "Jana",
                "x".repeat(40),
                "x".repeat(41),
                "x".repeat(80),
                "x".repeat(81),
                "x".repeat(120),
                "x".repeat(121),
                "x".repeat(200),
                "x".repeat(201),
                "x".repeat(255),
                "x".repeat(256),
                "line\nbreak",
                "tab\there",
                "nul\u0000",
                "bell\u0007",
                "\uD800 lone surrogate",
                "Müller & Söhne",
                "DE",
                "de",
                "XX",
                "ZZ");
        List<String> emails = List.of(
                "jana@example.com",
                "not an e-mail",
                "",
                " ",
                "a@b",
                "jana@example.com\u0007",
                "x".repeat(250) + "@example.com",
                "jana.becker+tag@sub.example.de");
        List<String> phones = List.of("+49 30 1234567", "(030) 123/45-6", "call me", "", "+".repeat(41));
        List<String> websites =
                List.of("https://example.com", "example.com", "example", "http://a b.com", "   ", "www.x.de/path");
        List<Integer> numbers = List.of(-1, 0, 1, 50, 100, 101, 10_000_000, 10_000_001);
        int agreed = 0;
        for (int i = 0; i < 20_000; i++) {
            LeadInput input = valid();
            int fields = 1 + random.nextInt(3);
            for (int f = 0; f < fields; f++) {
                String text = random.nextInt(5) == 0 ? null : texts.get(random.nextInt(texts.size()));
                Integer number = random.nextInt(5) == 0 ? null : numbers.get(random.nextInt(numbers.size()));
                switch (random.nextInt(16)) {
                    case 0 -> input.setFirstName(text);
                    case 1 -> input.setLastName(text);
                    case 2 -> input.setEmail(random.nextInt(5) == 0 ? null : emails.get(random.nextInt(emails.size())));
                    case 3 -> input.setPhone(phones.get(random.nextInt(phones.size())));
                    case 4 -> input.setJobTitle(text);
                    case 5 -> input.setCompanyName(text);
                    case 6 -> input.setWebsite(websites.get(random.nextInt(websites.size())));
                    case 7 -> input.setEmployees(number);
                    case 8 -> input.setIndustry(text);
                    case 9 -> input.setDepartment(text);
                    case 10 -> input.setCountry(text);
                    case 11 -> input.setSource(text);
                    case 12 -> input.setCampaign(text);
                    case 13 -> input.setEngagementScore(number);
                    case 14 -> input.setExternalId(text);
                    default -> input.setConsentText(text == null ? null : text.repeat(1 + random.nextInt(30)));
                }
            }
            boolean valid = validator.validate(input).isEmpty();
            assertThat(check.certainlyValid(input))
                    .as("input %d: Bean Validation says %s", i, valid ? "valid" : validator.validate(input))
                    .isEqualTo(valid);
            agreed += valid ? 1 : 0;
        }
        // Both answers occur often enough for the comparison to mean something.
        assertThat(agreed).isBetween(2_000, 18_000);
    }

    private static LeadInput valid() {
        LeadInput input = new LeadInput();
        input.setFirstName("Jana");
        input.setLastName("Becker");
        input.setEmail("jana.becker@example.com");
        input.setPhone("+49 30 1000001");
        input.setJobTitle("Head of Production");
        input.setCompanyName("Rhein Maschinenbau GmbH");
        input.setWebsite("https://example.com");
        input.setEmployees(250);
        input.setIndustry("MANUFACTURING");
        input.setDepartment("Operations");
        input.setCountry("DE");
        input.setSource("trade fair");
        input.setCampaign("hannover-messe-2026");
        input.setEngagementScore(70);
        input.setProjectPlanned(true);
        input.setBudgetConfirmed(false);
        input.setTimeline(PurchaseTimeline.NOW);
        return input;
    }
}
