package org.citizendata.collaborative.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.citizendata.collaborative.testsupport.BrowserLikeClient;
import org.citizendata.collaborative.testsupport.MailboxAssertions;
import org.citizendata.collaborative.testsupport.MailboxAssertions.Received;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole path on PostgreSQL, over HTTP and real mail: a stranger applies on the public page,
 * the Secretariat admits them in Tasklist's REST API, the welcome mail's link sets the password,
 * and the new member logs in to Tasklist.
 */
class NewMemberJourneyTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fromAPublicApplicationToTheNewMembersFirstTasklistLogin() throws Exception {
        BrowserLikeClient applicant = new BrowserLikeClient(port, "192.0.2.10");
        Map<String, String> form = ApplyPageTest.goodForm();
        RestClient.Response applied = applicant.submit("/apply", form);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        String reference = applied.body().replaceAll("(?s).*id=\"reference\">([^<]+)<.*", "$1");
        List<Received> confirmation = MailboxAssertions.awaitMails(1,
                m -> m.to().equals(form.get("contactEmail")) && m.subject().contains(reference), 30_000);
        assertThat(confirmation).hasSize(1);

        RestClient secretariat = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD);
        JsonNode tasks = secretariat.get("/engine-rest/task?processInstanceBusinessKey=" + reference
                + "&taskDefinitionKey=Task_ScreenApplication").json();
        assertThat(tasks).hasSize(1);
        RestClient.Response admitted = secretariat.post("/engine-rest/task/" + tasks.get(0).get("id").asText() + "/submit-form",
                "{\"variables\": {\"screening\": {\"value\": \"admit\"}, \"screeningNote\": {\"value\": \"\"}}}");
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(204);

        List<Received> welcome = MailboxAssertions.awaitMails(1,
                m -> m.to().equals(form.get("contactEmail")) && m.subject().startsWith("Welcome"), 30_000);
        assertThat(welcome).hasSize(1);
        String userId = jdbc.queryForObject("select user_id from membership_application where reference = ?", String.class,
                reference);
        assertThat(welcome.get(0).text()).contains("Your user name is " + userId).doesNotContain("password is");
        String token = MembershipDriver.token(welcome.get(0).text());
        String link = "/account/password/" + token;

        BrowserLikeClient member = new BrowserLikeClient(port, "192.0.2.11");
        assertThat(member.submit(link, Map.of("password", "short", "confirmation", "short")).status()).isEqualTo(400);
        assertThat(member.submit(link, Map.of("password", "correct horse battery", "confirmation", "correct horse battery!"))
                .status()).isEqualTo(400);
        RestClient.Response set = member.submit(link, Map.of("password", "correct horse battery", "confirmation",
                "correct horse battery"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("Your password is set");
        RestClient.Response again = member.post(link, Map.of("password", "another long password", "confirmation",
                "another long password", "_csrf", "x"));
        assertThat(again.status()).isEqualTo(410);

        String welcomeMail = jdbc.queryForObject("select id from mail_outbox where idempotency_key like ?", String.class,
                "welcome:" + userId + ":%");
        assertThat(secretariat.get("/api/mail/outbox/" + welcomeMail).body()).as("the Secretariat reads no one-time link")
                .contains("/account/password/[one-time link withheld]").doesNotContain(token);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"SENT".equals(jdbc.queryForObject("select status from mail_outbox where id = ?", String.class, welcomeMail))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject("select text_body from mail_outbox where id = ?", String.class, welcomeMail))
                .as("the stored copy of a sent mail keeps no one-time link").doesNotContain(token);

        RestClient.Response login = new BrowserLikeClient(port, "192.0.2.12").loginTo("tasklist", userId, "correct horse battery");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("userId").asText()).isEqualTo(userId);
        assertThat(login.json().get("authorizedApps").toString()).contains("tasklist");
        assertThat(RestClient.as(port, userId, "correct horse battery").get("/engine-rest/filter?resourceType=Task").json()
                .findValuesAsText("name")).contains("My organisation");
    }

    @Test
    void theSecretariatSendsARepresentativeANewPasswordLinkAndEarlierLinksStopWorking() {
        RestClient secretariat = RestClient.as(port, "james.secretariat", DEMO_PASSWORD);
        String path = "/api/membership/representatives/ama.gss/password-link";
        assertThat(secretariat.post(path, "").status()).isEqualTo(200);
        String first = MembershipDriver.token(lastMailText("password-link:ama.gss:"));
        RestClient.Response second = secretariat.post(path, "");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("message").asText()).contains("ama.gss");
        String latest = MembershipDriver.token(lastMailText("password-link:ama.gss:"));
        assertThat(latest).isNotEqualTo(first);

        BrowserLikeClient visitor = new BrowserLikeClient(port, "192.0.2.13");
        assertThat(visitor.get("/account/password/" + first).status()).isEqualTo(410);
        assertThat(visitor.get("/account/password/" + latest).body()).contains("Your user name is ama.gss.");

        assertThat(RestClient.as(port, "kofi.gss", DEMO_PASSWORD).post(path, "").status()).isEqualTo(403);
        RestClient.Response steeringCommittee = secretariat.post("/api/membership/representatives/amina.unsd/password-link", "");
        assertThat(steeringCommittee.status()).as("no link into a Steering Committee member's account").isEqualTo(403);
        assertThat(steeringCommittee.body()).contains("an administrator resets that password");
        assertThat(secretariat.post("/api/membership/representatives/sofia.secretariat/password-link", "").status())
                .isEqualTo(404);
        assertThat(RestClient.anonymous(port).post(path, "").status()).isEqualTo(401);
    }

    private String lastMailText(String idempotencyPrefix) {
        return jdbc.queryForList("select text_body from mail_outbox where idempotency_key like ? order by created_at desc",
                String.class, idempotencyPrefix + "%").get(0);
    }
}
