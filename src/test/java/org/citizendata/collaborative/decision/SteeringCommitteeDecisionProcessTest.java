package org.citizendata.collaborative.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.citizendata.collaborative.decision.BallotLog.EventType;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Every path of {@code steering-committee-decision}, with the real ballot rules and tables on the
 * embedded database and the demo Steering Committee (10 organisations). Jobs run by hand, and the
 * clock moves by hand, so deadlines and reminders are exact.
 */
@EngineOnH2Test
@RecordApplicationEvents
class SteeringCommitteeDecisionProcessTest {

    static final List<String> SC = List.of("unsd", "unwomen", "icscentre", "gpsdd", "dihr", "sgpwd", "paris21", "odw",
            "worldbank", "unitar");

    @Autowired
    ProcessEngine engine;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    Ballots ballots;
    @Autowired
    BallotLog log;
    @Autowired
    ApplicationEvents events;

    BallotDriver driver;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        driver = new BallotDriver(engine, organisations);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void approvedWhenMoreApproveThanReject() {
        ProcessInstance decision = driver.start("approved", Map.of());
        assertThat(decision).isWaitingAt("Task_CastVote");
        assertThat(driver.tasks(decision)).hasSize(10);

        voteAll(decision, 6, 3, 1);

        assertThat(decision).isEnded().hasPassed("EndEvent_DecisionTaken");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.OUTCOME)).isEqualTo("APPROVED");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.TALLY))
                .isEqualTo("Approved: 6 approve, 3 reject, 1 abstain of 10 eligible; quorum of 6 met");
    }

    /** Values the model reads only as they are computed leave no variables and no history, and still do their work. */
    @Test
    void theVotersAndDatesOfARoundAreOnTheTasksAndTimersNotInVariables() {
        ProcessInstance decision = driver.start("derived values", Map.of());
        Ballot ballot = ballots.find(driver.ballotId(decision)).orElseThrow();

        assertThat(driver.tasks(decision)).hasSize(10)
                .allSatisfy(task -> assertThat(task.getDueDate().toInstant()).isEqualTo(ballot.closesAt()));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(decision.getId()).timers().list())
                .extracting(job -> job.getDuedate().toInstant()).containsExactlyInAnyOrder(ballot.closesAt(),
                        ballot.closesAt().minus(Duration.ofDays(3)), ballot.closesAt().minus(Duration.ofDays(1)));

        driver.votes(decision, Map.of("unsd", "approve", "unwomen", "approve", "dihr", "reject"));
        driver.advance(decision, Duration.ofDays(10).plusMinutes(1)); // no quorum: extended, a second round
        assertThat(driver.tasks(decision)).hasSize(7);
        driver.votes(decision, Map.of("icscentre", "approve", "gpsdd", "approve", "sgpwd", "approve", "paris21", "approve",
                "odw", "approve", "worldbank", "approve", "unitar", "approve"));

        assertThat(decision).isEnded().hasPassed("EndEvent_DecisionTaken");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(decision.getId())
                .variableNameIn(DERIVED).count()).isZero();
    }

    /** The vote rows and the ballot's tables are the record: the engine keeps no history of each vote form. */
    @Test
    void theVotesAndTheLoopLeaveNoVariableHistoryTheResultDoes() {
        ProcessInstance decision = driver.start("no vote history", Map.of());
        driver.votes(decision, Map.of("unsd", "approve", "unwomen", "reject"));
        assertThat(engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(decision.getId())
                .variableName("choice").count()).isPositive(); // the vote forms' fields exist while the vote is open
        driver.votes(decision, Map.of("icscentre", "approve", "gpsdd", "approve", "dihr", "approve", "sgpwd", "approve",
                "paris21", "abstain", "odw", "approve", "worldbank", "approve", "unitar", "approve"));

        assertThat(decision).isEnded();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(decision.getId())
                .variableNameIn("choice", "reason", "voterOrganisation", "loopCounter", "nrOfInstances",
                        "nrOfActiveInstances", "nrOfCompletedInstances").count()).isZero();
        assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(decision.getId())
                .variableUpdates().list()).extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d)
                        .getVariableName()).doesNotContain("choice", "reason", "loopCounter");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.TALLY))
                .isEqualTo("Approved: 8 approve, 1 reject, 1 abstain of 10 eligible; quorum of 6 met");
        assertThat(ballots.find(driver.ballotId(decision)).orElseThrow().status()).isEqualTo(BallotStatus.CLOSED);
    }

    /** Outside the step that computes them (an operator starting the vote again), they are read from the ballot. */
    @Test
    void anOperatorStartingTheVoteAgainGetsThePendingVotersAndTheBallotsDates() {
        ProcessInstance decision = driver.start("started again", Map.of());
        driver.votes(decision, Map.of("unsd", "approve", "unwomen", "approve"));
        Ballot ballot = ballots.find(driver.ballotId(decision)).orElseThrow();

        engine.getRuntimeService().createProcessInstanceModification(decision.getId())
                .cancelAllForActivity("Task_CastVote#multiInstanceBody")
                .startBeforeActivity("Task_CastVote#multiInstanceBody").execute();

        assertThat(driver.tasks(decision)).hasSize(8)
                .allSatisfy(task -> assertThat(task.getDueDate().toInstant()).isEqualTo(ballot.closesAt()));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(decision.getId()).timers().list())
                .extracting(job -> job.getDuedate().toInstant()).containsExactlyInAnyOrder(ballot.closesAt(),
                        ballot.closesAt().minus(Duration.ofDays(3)), ballot.closesAt().minus(Duration.ofDays(1)));
        driver.votes(decision, Map.of("icscentre", "approve", "gpsdd", "approve", "dihr", "approve", "sgpwd", "reject",
                "paris21", "approve", "odw", "approve", "worldbank", "approve", "unitar", "approve"));
        assertThat(decision).isEnded().hasPassed("EndEvent_DecisionTaken");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.OUTCOME)).isEqualTo("APPROVED");
    }

    /** An instance of the version that kept them as variables goes on updating them. */
    @Test
    void anInstanceThatKeptTheVotersAsVariablesStillGetsAnExtension() {
        ProcessInstance decision = driver.start("kept variables", Map.of());
        engine.getRuntimeService().setVariable(decision.getId(), "voters", new java.util.ArrayList<>(SC));
        engine.getRuntimeService().setVariable(decision.getId(), "closesAt", new java.util.Date());
        driver.votes(decision, Map.of("unsd", "approve", "unwomen", "approve", "dihr", "reject"));

        driver.advance(decision, Duration.ofDays(10).plusMinutes(1));

        assertThat(driver.tasks(decision)).hasSize(7);
        assertThat((List<?>) engine.getRuntimeService().getVariable(decision.getId(), "voters")).hasSize(7);
        assertThat(((java.util.Date) engine.getRuntimeService().getVariable(decision.getId(), "closesAt")).toInstant())
                .isEqualTo(ballots.find(driver.ballotId(decision)).orElseThrow().closesAt());
    }

    static final String[] DERIVED = {"voters", "closesAt", "firstReminderAt", "secondReminderAt", "declarationWindow",
        "declarants", "declarationEnds", "quorumMet", "extended"};

    @Test
    void rejectedWhenMoreRejectThanApprove() {
        ProcessInstance decision = driver.start("rejected", Map.of());
        voteAll(decision, 3, 5, 2);
        assertThat(driver.variable(decision, SteeringCommitteeDecision.OUTCOME)).isEqualTo("REJECTED");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.TALLY))
                .isEqualTo("Rejected: 3 approve, 5 reject, 2 abstain of 10 eligible; quorum of 6 met");
    }

    @Test
    void aTieIsNotApproved() {
        ProcessInstance decision = driver.start("tie", Map.of());
        voteAll(decision, 4, 4, 2);
        assertThat(driver.variable(decision, SteeringCommitteeDecision.OUTCOME)).isEqualTo("REJECTED");
    }

    @Test
    void theBallotClosesEarlyWhenEveryEligibleOrganisationHasVoted() {
        ProcessInstance decision = driver.start("early close", Map.of());
        String ballotId = driver.ballotId(decision);
        voteAll(decision, 10, 0, 0);

        Ballot ballot = ballots.find(ballotId).orElseThrow();
        assertThat(ballot.status()).isEqualTo(BallotStatus.CLOSED);
        assertThat(ballot.closedAt()).isBefore(ballot.closesAt());
        assertThat(decision).isEnded();
    }

    @Test
    void noQuorumThenExtensionThenResult() {
        ProcessInstance decision = driver.start("extension", Map.of());
        String ballotId = driver.ballotId(decision);
        driver.votes(decision, Map.of("unsd", "approve", "unwomen", "approve", "dihr", "reject"));

        driver.advance(decision, Duration.ofDays(10).plusMinutes(1));

        assertThat(decision).isWaitingAt("Task_CastVote");
        assertThat(driver.tasks(decision)).hasSize(7);
        assertThat(driver.taskOf(decision, "unsd")).isNull();
        Ballot extended = ballots.find(ballotId).orElseThrow();
        assertThat(extended.extended()).isTrue();
        assertThat(extended.status()).isEqualTo(BallotStatus.OPEN);
        assertThat(events(ballotId)).containsSubsequence(EventType.CLOSED, EventType.NO_QUORUM, EventType.EXTENDED);

        driver.votes(decision, Map.of("paris21", "approve", "odw", "abstain", "unitar", "approve"));
        driver.advance(decision, Duration.ofDays(5).plusMinutes(1));

        assertThat(decision).isEnded().hasPassed("Task_ExtendBallot", "EndEvent_DecisionTaken");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.TALLY))
                .isEqualTo("Approved: 4 approve, 1 reject, 1 abstain of 10 eligible; quorum of 6 met");
    }

    @Test
    void noQuorumAfterTheExtensionGoesToTheCoLeadsWhoReopen() {
        ProcessInstance decision = driver.start("reopen", Map.of());
        driver.vote(decision, "unsd", "approve");
        driver.advance(decision, Duration.ofDays(10).plusMinutes(1));
        driver.advance(decision, Duration.ofDays(5).plusMinutes(1));

        assertThat(decision).isWaitingAt("Task_DecideWithoutQuorum");
        Task coLeads = engine.getTaskService().createTaskQuery().processInstanceId(decision.getId())
                .taskCandidateGroup("co-leads").singleResult();
        driver.completeAs("lucia.unwomen", coLeads, Map.of("coLeadDecision", "reopen", "coLeadReason", "Summer break"));

        assertThat(decision).isWaitingAt("Task_CastVote");
        assertThat(driver.tasks(decision)).hasSize(9);
        driver.votes(decision, Map.of("unwomen", "approve", "icscentre", "approve", "gpsdd", "reject",
                "dihr", "approve", "sgpwd", "abstain"));
        driver.advance(decision, Duration.ofDays(10).plusMinutes(1));

        assertThat(decision).isEnded().hasPassed("EndEvent_DecisionTaken");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.OUTCOME)).isEqualTo("APPROVED");
        assertThat(events(driver.ballotId(decision))).contains(EventType.REOPENED);
    }

    @Test
    void noQuorumAfterTheExtensionGoesToTheCoLeadsWhoDefer() {
        ProcessInstance decision = driver.start("defer", Map.of());
        driver.advance(decision, Duration.ofDays(10).plusMinutes(1));
        driver.advance(decision, Duration.ofDays(5).plusMinutes(1));

        Task coLeads = engine.getTaskService().createTaskQuery().processInstanceId(decision.getId()).singleResult();
        assertThat(coLeads.getTaskDefinitionKey()).isEqualTo("Task_DecideWithoutQuorum");
        driver.completeAs("amina.unsd", coLeads, Map.of("coLeadDecision", "defer", "coLeadReason", ""));

        assertThat(decision).isEnded().hasPassed("EndEvent_Deferred");
        assertThat(driver.variable(decision, SteeringCommitteeDecision.OUTCOME)).isEqualTo("DEFERRED");
        assertThat((String) driver.variable(decision, SteeringCommitteeDecision.TALLY))
                .startsWith("Deferred to the next Steering Committee meeting by the co-leads. No quorum: 0 approve");
    }

    @Test
    void theProposingOrganisationIsRecusedAndOthersMayDeclareAConflict() {
        ProcessInstance decision = driver.start("recusal", Map.of(
                SteeringCommitteeDecision.PROPOSING_ORGANISATION, "odw",
                SteeringCommitteeDecision.DECLARATION_PERIOD, "P2D"));
        String ballotId = driver.ballotId(decision);

        assertThat(decision).isWaitingAt("Task_DeclareConflict");
        assertThat(driver.tasks(decision)).hasSize(9);
        assertThat(driver.taskOf(decision, "odw")).isNull();
        driver.completeAs("ravi.worldbank", driver.taskOf(decision, "worldbank"),
                Map.of("conflict", true, "conflictReason", "We fund the proposed workstream"));
        for (String organisation : List.of("unsd", "unwomen", "icscentre", "gpsdd", "dihr", "sgpwd", "paris21", "unitar")) {
            driver.completeAs(driver.representativeOf(organisation), driver.taskOf(decision, organisation),
                    Map.of("conflict", false));
        }
        driver.runJobs(decision);

        assertThat(decision).isWaitingAt("Task_CastVote");
        assertThat(driver.tasks(decision)).hasSize(8);
        assertThat(driver.taskOf(decision, "worldbank")).isNull();
        assertThat(log.events(ballotId)).filteredOn(e -> e.type() == EventType.RECUSED)
                .extracting(BallotLog.Event::organisationId, BallotLog.Event::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("odw", "Proposing organisation"),
                        org.assertj.core.groups.Tuple.tuple("worldbank", "We fund the proposed workstream"));

        driver.votes(decision, Map.of("unsd", "approve", "unwomen", "approve", "icscentre", "reject",
                "gpsdd", "approve", "dihr", "abstain"));
        driver.advance(decision, Duration.ofDays(10).plusMinutes(1));

        assertThat(driver.variable(decision, SteeringCommitteeDecision.TALLY))
                .isEqualTo("Approved: 3 approve, 1 reject, 1 abstain of 8 eligible (2 recused); quorum of 5 met");
    }

    @Test
    void theDeclarationWindowClosesAtItsEndWithoutWaitingForEveryone() {
        ProcessInstance decision = driver.start("window", Map.of(SteeringCommitteeDecision.DECLARATION_PERIOD, "P2D"));
        driver.completeAs("amina.unsd", driver.taskOf(decision, "unsd"), Map.of("conflict", false));

        driver.advance(decision, Duration.ofDays(2).plusMinutes(1));

        assertThat(decision).isWaitingAt("Task_CastVote");
        assertThat(driver.tasks(decision)).hasSize(10);
    }

    @Test
    void remindersGoOnlyToOrganisationsThatHaveNotVoted() {
        ProcessInstance decision = driver.start("reminders", Map.of());
        String ballotId = driver.ballotId(decision);
        driver.votes(decision, Map.of("unsd", "approve", "unwomen", "reject"));

        driver.advance(decision, Duration.ofDays(7).plusMinutes(1));
        assertThat(remindedOrganisations(ballotId)).hasSize(8).doesNotContain("unsd", "unwomen");

        driver.vote(decision, "dihr", "approve");
        driver.advance(decision, Duration.ofDays(2));
        assertThat(remindedOrganisations(ballotId)).hasSize(8 + 7);
        assertThat(events.stream(VoteReminderDue.class).filter(r -> r.ballotId().equals(ballotId))
                .map(r -> r.organisationIds().size())).containsExactly(8, 7);
    }

    @Test
    void aSecretBallotRecordsTurnoutButNotWhoChoseWhat() {
        ProcessInstance decision = driver.start("secret", Map.of(SteeringCommitteeDecision.SECRET_BALLOT, true));
        String ballotId = driver.ballotId(decision);
        voteAll(decision, 7, 2, 1);

        assertThat(driver.variable(decision, SteeringCommitteeDecision.TALLY))
                .isEqualTo("Approved: 7 approve, 2 reject, 1 abstain of 10 eligible; quorum of 6 met");
        Integer linked = engine.getProcessEngineConfiguration().getDataSource() == null ? null
                : new org.springframework.jdbc.core.JdbcTemplate(engine.getProcessEngineConfiguration().getDataSource())
                        .queryForObject("select count(*) from vote where ballot_id = ? and choice is not null",
                                Integer.class, ballotId);
        assertThat(linked).isZero();
        assertThat(log.events(ballotId)).filteredOn(e -> e.type() == EventType.VOTED).hasSize(10)
                .allMatch(e -> e.detail() == null);
    }

    /** Votes in the order of {@link #SC}: approvals first, then rejections, then abstentions. */
    private void voteAll(ProcessInstance decision, int approve, int reject, int abstain) {
        for (int i = 0; i < approve + reject + abstain; i++) {
            driver.vote(decision, SC.get(i), i < approve ? "approve" : i < approve + reject ? "reject" : "abstain");
        }
    }

    private List<EventType> events(String ballotId) {
        return log.events(ballotId).stream().map(BallotLog.Event::type).toList();
    }

    private List<String> remindedOrganisations(String ballotId) {
        return log.events(ballotId).stream().filter(e -> e.type() == EventType.REMINDED)
                .map(BallotLog.Event::organisationId).toList();
    }
}
