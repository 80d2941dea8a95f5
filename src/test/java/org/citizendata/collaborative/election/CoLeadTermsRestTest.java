package org.citizendata.collaborative.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The term table over HTTP: everyone reads it, the Secretariat records terms, bad input changes nothing. */
class CoLeadTermsRestTest extends PostgresApplicationTest {

    static final String TERMS = "/api/election/terms";

    @LocalServerPort
    int port;

    @Test
    void everyoneReadsTheTermsAndOnlyTheSecretariatRecordsOne() {
        RestClient member = RestClient.as(port, "kofi.gss", DEMO_PASSWORD);
        assertThat(member.get(TERMS).json().findValuesAsText("organisationId")).contains("unsd", "unwomen");
        assertThat(member.post(TERMS, "{\"organisationId\": \"odw\", \"startsOn\": \"2110-03-01\", \"endsOn\": \"2112-03-01\"}")
                .status()).isEqualTo(403);

        RestClient secretariat = RestClient.as(port, "sofia.secretariat", DEMO_PASSWORD);
        int before = secretariat.get(TERMS).json().size();
        assertThat(secretariat.post(TERMS, "{\"organisationId\": \"gss\", \"startsOn\": \"2110-03-01\", \"endsOn\": \"2112-03-01\"}")
                .body()).contains("Steering Committee organisations");
        assertThat(secretariat.post(TERMS, "{\"organisationId\": \"odw\", \"startsOn\": \"March 2110\", \"endsOn\": \"2112-03-01\"}")
                .status()).isEqualTo(400);
        assertThat(secretariat.post(TERMS, "{\"organisationId\": \"odw\", \"startsOn\": \"2110-03-01\", \"endsOn\": \"2120-03-01\"}")
                .body()).contains("at most three years");
        assertThat(secretariat.post(TERMS, "").status()).isEqualTo(400);
        assertThat(secretariat.get(TERMS).json().size()).isEqualTo(before);

        RestClient.Response recorded = secretariat.post(TERMS,
                "{\"organisationId\": \"odw\", \"startsOn\": \"2110-03-01\", \"endsOn\": \"2112-03-01\"}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(secretariat.post(TERMS, "{\"organisationId\": \"odw\", \"startsOn\": \"2111-03-01\", \"endsOn\": \"2113-03-01\"}")
                .body()).contains("already has a term");
        assertThat(secretariat.get(TERMS).json().size()).isEqualTo(before + 1);
    }
}
