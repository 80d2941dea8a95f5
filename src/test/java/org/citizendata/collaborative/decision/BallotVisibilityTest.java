package org.citizendata.collaborative.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.Csv;
import org.citizendata.collaborative.testsupport.PostgresApplicationTest;
import org.citizendata.collaborative.testsupport.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who sees what of a ballot, over HTTP as the real users, on the demo ballot and a closed one. */
class BallotVisibilityTest extends PostgresApplicationTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    OrganisationRepository organisations;

    RestClient as(String userId) {
        return RestClient.as(port, userId, DEMO_PASSWORD);
    }

    @Test
    void theDemoBallotIsOpenWithFourVotesAndAVoteWaitingForTheOthers() {
        String ballotId = demoBallotId();
        JsonNode ballot = as("sofia.secretariat").get("/api/ballots/" + ballotId).json();
        assertThat(ballot.get("status").asText()).isEqualTo("OPEN");
        assertThat(ballot.get("turnout").asInt()).isEqualTo(4);
        String instance = demoBallotInstance().getId();
        assertThat(as("jonas.icscentre").get("/engine-rest/task?taskDefinitionKey=Task_CastVote&processInstanceId=" + instance)
                .json()).hasSize(1);
        assertThat(as("amina.unsd").get("/engine-rest/task?taskDefinitionKey=Task_CastVote&processInstanceId=" + instance)
                .json()).as("UNSD has voted").isEmpty();
    }

    @Test
    void whileOpenTheSecretariatSeesWhoVotedButNotHow() {
        JsonNode ballot = as("sofia.secretariat").get("/api/ballots/" + demoBallotId()).json();
        for (JsonNode elector : ballot.get("electorate")) {
            assertThat(elector.get("choice").isNull()).isTrue();
            assertThat(elector.get("reason").isNull()).isTrue();
        }
        assertThat(ballot.get("electorate").findValues("voted").stream().filter(JsonNode::asBoolean).count()).isEqualTo(4);
    }

    @Test
    void whileOpenNobodyElseSeesTheBallot() {
        String path = "/api/ballots/" + demoBallotId();
        assertThat(as("amina.unsd").get(path).status()).isEqualTo(403);
        assertThat(as("kofi.gss").get(path).status()).isEqualTo(403);
        assertThat(RestClient.anonymous(port).get(path).status()).isEqualTo(401);
        assertThat(as("amina.unsd").get(path + "/events.csv").status()).isEqualTo(403);
    }

    @Test
    void afterTheCloseTheSteeringCommitteeSeesTheNamedVotes() throws InterruptedException {
        BallotDriver driver = new BallotDriver(engine, organisations);
        ProcessInstance decision = driver.start("named votes " + System.nanoTime(), Map.of());
        String ballotId = driver.ballotId(decision);
        for (String organisation : SteeringCommitteeDecisionProcessTest.SC) {
            String taskId = driver.taskOf(decision, organisation).getId();
            as(driver.representativeOf(organisation)).post("/engine-rest/task/" + taskId + "/complete",
                    "{\"variables\":{\"choice\":{\"value\":\"approve\"},\"reason\":{\"value\":\"Good work by " + organisation + "\"}}}");
        }
        waitUntilEnded(driver, decision);

        JsonNode ballot = as("grace.gpsdd").get("/api/ballots/" + ballotId).json();
        assertThat(ballot.get("status").asText()).isEqualTo("CLOSED");
        assertThat(ballot.get("result").asText())
                .isEqualTo("Approved: 10 approve, 0 reject, 0 abstain of 10 eligible; quorum of 6 met");
        assertThat(ballot.get("electorate").findValuesAsText("choice")).hasSize(10).containsOnly("approve");
        assertThat(ballot.get("electorate").findValuesAsText("reason")).contains("Good work by dihr");
        assertThat(as("kofi.gss").get("/api/ballots/" + ballotId).status()).isEqualTo(403);

        RestClient.Response csv = as("sofia.secretariat").get("/api/ballots/" + ballotId + "/events.csv");
        assertThat(csv.status()).isEqualTo(200);
        List<List<String>> rows = Csv.parse(csv.body());
        assertThat(rows.get(0)).containsExactly("id", "occurred_at", "event", "organisation", "actor", "detail");
        assertThat(rows.stream().filter(r -> r.get(2).equals("VOTED"))).hasSize(10);
        assertThat(rows.stream().map(r -> r.get(2))).contains("OPENED", "VOTING_OPENED", "CLOSED", "RESULT");
    }

    @Test
    void aSecretBallotNeverShowsWhoChoseWhat() throws InterruptedException {
        BallotDriver driver = new BallotDriver(engine, organisations);
        ProcessInstance decision = driver.start("secret " + System.nanoTime(),
                Map.of(SteeringCommitteeDecision.SECRET_BALLOT, true));
        for (String organisation : SteeringCommitteeDecisionProcessTest.SC) {
            String taskId = driver.taskOf(decision, organisation).getId();
            as(driver.representativeOf(organisation)).post("/engine-rest/task/" + taskId + "/complete",
                    "{\"variables\":{\"choice\":{\"value\":\"reject\"}}}");
        }
        waitUntilEnded(driver, decision);

        JsonNode ballot = as("sofia.secretariat").get("/api/ballots/" + driver.ballotId(decision)).json();
        assertThat(ballot.get("turnout").asInt()).isEqualTo(10);
        assertThat(ballot.get("result").asText()).startsWith("Rejected: 0 approve, 10 reject");
        for (JsonNode elector : ballot.get("electorate")) {
            assertThat(elector.get("voted").asBoolean()).isTrue();
            assertThat(elector.get("choice").isNull()).isTrue();
        }
    }

    private ProcessInstance demoBallotInstance() {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(DemoBallot.BUSINESS_KEY).singleResult();
    }

    private String demoBallotId() {
        return (String) runtimeService.getVariable(demoBallotInstance().getId(), SteeringCommitteeDecision.BALLOT_ID);
    }

    private static void waitUntilEnded(BallotDriver driver, ProcessInstance decision) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!driver.ended(decision) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(driver.ended(decision)).isTrue();
    }
}
