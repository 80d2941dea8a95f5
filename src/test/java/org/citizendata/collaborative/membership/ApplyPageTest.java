package org.citizendata.collaborative.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.testsupport.ApplicationForms;
import org.citizendata.collaborative.testsupport.BrowserLikeClient;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The public application page and the applicant's one-time link, as strangers and robots use them. */
class ApplyPageTest extends PostgresApplicationTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MembershipApplications applications;
    @Autowired
    TaskService taskService;
    @Autowired
    FormService formService;
    @Autowired
    IdentityService identityService;

    /** Each test comes from an address of its own, so that the rate limit counts only its posts. */
    BrowserLikeClient visitor() {
        return new BrowserLikeClient(port, "198.51.100." + ADDRESSES.getAndIncrement());
    }

    static Map<String, String> goodForm() {
        return ApplicationForms.valid(UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void aGoodApplicationIsKeptAndItsReferenceConfirmed() {
        Map<String, String> form = goodForm();
        RestClient.Response response = visitor().submit("/apply", form);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String reference = response.body().replaceAll("(?s).*id=\"reference\">([^<]+)<.*", "$1");
        assertThat(reference).matches("APP-\\d{4}-\\d{4}");
        assertThat(jdbc.queryForMap("select organisation_name, country, contact_name, status from membership_application"
                + " where reference = ?", reference)).containsEntry("organisation_name", form.get("organisationName"))
                .containsEntry("country", "Côte d'Ivoire").containsEntry("contact_name", "Aïcha Koné")
                .containsEntry("status", "SCREENING");
        assertThat(jdbc.queryForObject("select subject from mail_outbox where idempotency_key = ?", String.class,
                "application:" + reference + ":received")).contains(reference);
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("organisationName", "", "is required"),
                Arguments.of("organisationName", "<script>alert(1)</script>", "letters, digits"),
                Arguments.of("organisationName", "x".repeat(256), "between 2 and 255"),
                Arguments.of("category", "GOVERNMENT", "kinds of member"),
                Arguments.of("country", "1234", "letters, spaces"),
                Arguments.of("website", "javascript:alert(1)", "web address"),
                Arguments.of("website", "https://user:pw@example.org", "web address"),
                Arguments.of("contactName", "", "is required"),
                Arguments.of("contactEmail", "not-an-address", "e-mail address"),
                Arguments.of("engagement", "SOMETIMES", "works with citizen data"),
                Arguments.of("motivation", "short", "between 20 and 4000"),
                Arguments.of("contribution", "y".repeat(4001), "between 20 and 4000"),
                Arguments.of("communities", "", "is required"),
                Arguments.of("communities", "bell\u0007 character", "not text"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void badInputInAnyFieldGetsItsMessageKeepsTheOtherAnswersAndCreatesNothing(String field, String value, String message) {
        Counts before = counts();
        Map<String, String> form = goodForm();
        form.put(field, value);
        RestClient.Response response = visitor().submit("/apply", form);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Please correct the fields marked below.").contains(message)
                .contains(field.equals("motivation") ? message : goodForm().get("motivation"))
                .doesNotContain("<script>alert(1)</script>");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aPostWithoutTheFormsTokenOrWithAnotherIsRefusedAndCreatesNothing() {
        Counts before = counts();
        BrowserLikeClient visitor = visitor();
        RestClient.Response none = visitor.post("/apply", goodForm());
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.body()).contains("did not come from this site").contains("Aïcha Koné");
        visitor.get("/apply");
        Map<String, String> forged = goodForm();
        forged.put("_csrf", "forged-token-from-another-site");
        assertThat(visitor.post("/apply", forged).status()).isEqualTo(403);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aFilledHoneypotIsRefusedAndCreatesNothing() {
        Counts before = counts();
        Map<String, String> form = goodForm();
        form.put("faxNumber", "+1 555 0100");
        RestClient.Response response = visitor().submit("/apply", form);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Leave this empty");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void anAddressThatPostedFiveTimesInAnHourIsRefusedTheSixthAndAnotherAddressIsNot() {
        BrowserLikeClient robot = visitor();
        Map<String, String> bad = goodForm();
        bad.put("contactEmail", "nope");
        for (int i = 0; i < 5; i++) {
            assertThat(robot.submit("/apply", bad).status()).isEqualTo(400);
        }
        Counts before = counts();
        RestClient.Response sixth = robot.submit("/apply", goodForm());
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.body()).contains("Too many applications");
        assertThat(counts()).isEqualTo(before);
        assertThat(visitor().submit("/apply", goodForm()).status()).isEqualTo(200);
    }

    @Test
    void theApplicantAnswersOnceThroughTheLinkAndAnExpiredOrUsedLinkChangesNothing() {
        String answered = askedApplication("Which communities collect the data with you?");
        String token = MembershipDriver.token(mailText("application:" + answered + ":information:"));
        BrowserLikeClient applicant = visitor();
        RestClient.Response page = applicant.get("/apply/information/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Which communities collect the data with you?");
        assertThat(applicant.post("/apply/information/" + token, Map.of("answer", "Without the token")).status()).isEqualTo(403);
        assertThat(applicant.submit("/apply/information/" + token, Map.of("answer", "x")).status()).isEqualTo(400);
        RestClient.Response answer = applicant.submit("/apply/information/" + token, Map.of("answer", "Fisherfolk cooperatives."));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select answer from application_exchange where reference = ?", String.class, answered))
                .isEqualTo("Fisherfolk cooperatives.");
        assertThat(jdbc.queryForObject("select status from membership_application where reference = ?", String.class, answered))
                .isEqualTo("SCREENING");

        RestClient.Response reused = applicant.post("/apply/information/" + token, Map.of("answer", "Again", "_csrf", "x"));
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.body()).contains("used already");
        assertThat(applicant.get("/apply/information/" + token).status()).isEqualTo(410);

        String expiring = askedApplication("Who funds you?");
        String expired = MembershipDriver.token(mailText("application:" + expiring + ":information:"));
        jdbc.update("update one_time_link set expires_at = current_timestamp - interval '1 minute' where subject = ?", expiring);
        RestClient.Response lateExpired = applicant.post("/apply/information/" + expired, Map.of("answer", "Late", "_csrf", "x"));
        assertThat(lateExpired.status()).isEqualTo(410);
        assertThat(lateExpired.body()).contains("expired");
        assertThat(jdbc.queryForObject("select count(*) from application_exchange where reference = ? and answer is not null",
                Integer.class, expiring)).isZero();
        assertThat(jdbc.queryForObject("select status from membership_application where reference = ?", String.class, expiring))
                .isEqualTo("INFORMATION_REQUESTED");
        assertThat(applicant.get("/apply/information/" + "A".repeat(43)).status()).isEqualTo(404);
    }

    private String askedApplication(String question) {
        Map<String, String> values = goodForm();
        String reference = applications.submit(ApplicationForm.from(values::get));
        String instance = jdbc.queryForObject("select process_instance_id from membership_application where reference = ?",
                String.class, reference);
        Task task = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_ScreenApplication")
                .singleResult();
        identityService.setAuthentication("sofia.secretariat", List.of("secretariat"));
        try {
            formService.submitTaskForm(task.getId(), Map.of("screening", "ask", "screeningNote", question));
        } finally {
            identityService.clearAuthentication();
        }
        return reference;
    }

    private String mailText(String idempotencyPrefix) {
        return jdbc.queryForObject("select text_body from mail_outbox where idempotency_key like ?", String.class,
                idempotencyPrefix + "%");
    }

    record Counts(int applications, long processes, int mails) {
    }

    private Counts counts() {
        return new Counts(jdbc.queryForObject("select count(*) from membership_application", Integer.class),
                jdbc.queryForObject("select count(*) from act_hi_procinst where proc_def_key_ = 'membership-application'", Long.class),
                jdbc.queryForObject("select count(*) from mail_outbox", Integer.class));
    }
}
