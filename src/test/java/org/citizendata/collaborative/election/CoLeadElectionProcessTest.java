package org.citizendata.collaborative.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The paths of {@code co-lead-election}, each on terms of its own far in the future, years apart. */
@EngineOnH2Test
class CoLeadElectionProcessTest {

    static final List<String> STEERING_COMMITTEE = SteeringCommitteeVotes.ORGANISATIONS;
    static final String PARIS21 = "Partnership in Statistics for Development in the 21st Century";

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ElectionRepository repository;
    @Autowired
    Elections elections;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
        // The demo's terms cover today: UNSD and UN Women are the co-leads again for the other tests.
        elections.alignCoLeadsGroup(LocalDate.now(ZoneOffset.UTC));
    }

    @Test
    void twoSeatsGoToTheMostVotedAndTheGroupChangesOnTheFirstDayOfTheTerms() {
        LocalDate start = LocalDate.of(2031, 3, 1);
        ProcessInstance election = open(start, "unsd", "unwomen");
        complete("sofia.secretariat", task(election, "Task_ProposeContinuity"), Map.of("continuityProposal", "none"));

        assertThatThrownBy(() -> nominate(election, "icscentre", "unsd")).isInstanceOf(FormInputException.class)
                .hasMessageContaining("not an outgoing co-lead");
        nominateAll(election, Map.of("icscentre", "gpsdd", "paris21", "paris21", "odw", "odw", "dihr", "gpsdd"));
        answerAll(election, Map.of("gpsdd", "accept", "paris21", "accept", "odw", "accept"));
        assertThat(election).isWaitingAt("Task_VoteCoLeads");
        assertThat(tasks(election, "Task_VoteCoLeads")).hasSize(10);

        assertThatThrownBy(() -> vote(election, "unsd", List.of("gpsdd", "paris21", "odw")))
                .isInstanceOf(FormInputException.class).hasMessageContaining("choose at most 2 candidate(s)");
        assertThatThrownBy(() -> vote(election, "unsd", List.of("unwomen"))).isInstanceOf(FormInputException.class)
                .hasMessageContaining("among the candidates");
        Map<String, List<String>> ballots = new HashMap<>();
        for (String organisation : List.of("unsd", "unwomen", "icscentre", "gpsdd")) {
            ballots.put(organisation, List.of("gpsdd", "paris21"));
        }
        for (String organisation : List.of("dihr", "sgpwd", "paris21")) {
            ballots.put(organisation, List.of("paris21", "odw"));
        }
        ballots.put("odw", List.of("odw"));
        ballots.put("worldbank", List.of("odw"));
        ballots.put("unitar", List.of());
        ballots.forEach((organisation, choices) -> vote(election, organisation, choices));
        SteeringCommitteeVotes.runJobs(engine);

        assertThat(election).isWaitingAt("Task_CertifyResult");
        String result = jdbc.queryForObject("select result from election where election_key = ?", String.class, "E-" + start);
        assertThat(result).contains("Elected for 2031-03-01 to 2033-03-01: " + PARIS21 + ", Open Data Watch")
                .contains(PARIS21 + " 7").contains("Open Data Watch 5").contains("Global Partnership for Sustainable Development Data 4")
                .contains("Turnout 10 of 10");
        assertThatThrownBy(() -> complete("james.secretariat", task(election, "Task_CertifyResult"), Map.of("certified", false)))
                .isInstanceOf(FormInputException.class);
        complete("james.secretariat", task(election, "Task_CertifyResult"), Map.of("certified", true));
        assertThat(jdbc.queryForList("select organisation_id || ':' || starts_on || ':' || ends_on from co_lead_term"
                + " where election_key = ? order by organisation_id", String.class, "E-" + start))
                .containsExactly("odw:2031-03-01:2033-03-01", "paris21:2031-03-01:2033-03-01");
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where subject = ?", Integer.class,
                "Co-leads elected for the terms from " + start)).isPositive();
        assertThat(tasks(election, "Task_HandOver")).hasSize(2);
        assertThat(tasks(election, "Task_TakeOver")).hasSize(2);

        Job termStarts = engine.getManagementService().createJobQuery().processInstanceId(election.getId()).timers().singleResult();
        Date firstDay = Date.from(start.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(termStarts.getDuedate()).isEqualTo(firstDay);
        ClockUtil.setCurrentTime(new Date(firstDay.getTime() - 1000));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(election.getId()).executable().count())
                .as("a second before the terms start, nothing is due").isZero();
        assertThat(coLeads()).contains("amina.unsd", "lucia.unwomen");
        ClockUtil.setCurrentTime(firstDay);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(election.getId()).executable().count())
                .isEqualTo(1);
        SteeringCommitteeVotes.runJobs(engine);
        assertThat(coLeads()).containsExactlyInAnyOrder("claire.paris21", "sam.odw");
        assertThat(election).isWaitingAt("Task_HandOver", "Task_TakeOver");
    }

    @Test
    void aTieForTheLastSeatGoesToARunoffBetweenTheTiedCandidates() {
        ProcessInstance election = atBallot(LocalDate.of(2040, 3, 1), List.of("gpsdd", "paris21", "odw"));
        Map<String, List<String>> ballots = new HashMap<>();
        for (String organisation : List.of("unsd", "unwomen", "icscentre", "gpsdd")) {
            ballots.put(organisation, List.of("gpsdd", "paris21"));
        }
        for (String organisation : List.of("dihr", "sgpwd", "paris21", "odw")) {
            ballots.put(organisation, List.of("gpsdd", "odw"));
        }
        ballots.forEach((organisation, choices) -> vote(election, organisation, choices));
        closeVoting(election);

        assertThat(election).isWaitingAt("Task_VoteCoLeads");
        assertThat(jdbc.queryForObject("select result from election_ballot where election_key = ? and round = 1",
                String.class, election.getBusinessKey())).contains("Tie for the last seat(s): runoff").contains("Turnout 8 of 10");
        assertThat(jdbc.queryForObject("select candidates || '/' || seats from election_ballot where election_key = ? and round = 2",
                String.class, election.getBusinessKey())).isEqualTo("odw,paris21/1");
        assertThatThrownBy(() -> vote(election, "unsd", List.of("gpsdd"))).isInstanceOf(FormInputException.class);
        for (String organisation : List.of("unsd", "unwomen", "icscentre", "gpsdd", "dihr", "sgpwd")) {
            vote(election, organisation, List.of("odw"));
        }
        closeVoting(election);
        assertThat(election).isWaitingAt("Task_CertifyResult");
        assertThat(jdbc.queryForObject("select result from election where election_key = ?", String.class,
                election.getBusinessKey())).contains("Global Partnership for Sustainable Development Data, Open Data Watch")
                .contains("Round 2");
    }

    @Test
    void withNoNomineeTheCoLeadsStayAndANewNominationRoundOpens() {
        ProcessInstance election = open(LocalDate.of(2050, 3, 1), "unsd", "unwomen");
        complete("sofia.secretariat", task(election, "Task_ProposeContinuity"), Map.of("continuityProposal", "none"));
        nominateAll(election, Map.of());

        assertThat(election).isWaitingAt("Task_Nominate");
        assertThat(engine.getRuntimeService().getVariable(election.getId(), "nominationRound")).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where subject = ?", Integer.class,
                "Co-lead election " + election.getBusinessKey() + ": not enough candidates")).isPositive();
        assertThat(coLeads()).contains("amina.unsd", "lucia.unwomen");
    }

    @Test
    void aNomineeWhoDeclinesIsNoCandidateAndTooFewCandidatesReopenNominations() {
        ProcessInstance election = open(LocalDate.of(2060, 3, 1), "unsd", "unwomen");
        complete("sofia.secretariat", task(election, "Task_ProposeContinuity"), Map.of("continuityProposal", "none"));
        nominateAll(election, Map.of("icscentre", "icscentre", "worldbank", "gpsdd"));
        answerAll(election, Map.of("icscentre", "accept", "gpsdd", "decline"));

        assertThat(jdbc.queryForList("select organisation_id || ':' || answer from election_candidate where election_key = ?"
                + " order by organisation_id", String.class, election.getBusinessKey()))
                .containsExactly("gpsdd:DECLINED", "icscentre:ACCEPTED");
        assertThat(election).isWaitingAt("Task_Nominate");
        // A new round asks again an organisation that declined before, if it is nominated again.
        nominateAll(election, Map.of("unitar", "unitar", "worldbank", "gpsdd"));
        answerAll(election, Map.of("unitar", "accept", "gpsdd", "decline"));
        assertThat(election).isWaitingAt("Task_VoteCoLeads");
        assertThat(engine.getRuntimeService().getVariable(election.getId(), "candidateOptions").toString())
                .contains("icscentre").contains("unitar").doesNotContain("gpsdd");
    }

    @Test
    void theContinuityYearKeepsOneCoLeadAYearLongerAndItsSeatIsElectedAYearLater() {
        LocalDate start = LocalDate.of(2070, 3, 1);
        ProcessInstance election = open(start, "unsd", "unwomen");
        assertThatThrownBy(() -> complete("sofia.secretariat", task(election, "Task_ProposeContinuity"),
                Map.of("continuityProposal", "odw"))).isInstanceOf(FormInputException.class);
        complete("sofia.secretariat", task(election, "Task_ProposeContinuity"), Map.of("continuityProposal", "unwomen"));
        assertThat(election).isWaitingAt("CallActivity_DecideContinuity");
        SteeringCommitteeVotes.decide(engine, election, "approve");
        SteeringCommitteeVotes.runJobs(engine);

        assertThat(election).isWaitingAt("Task_Nominate");
        assertThat(engine.getRuntimeService().getVariable(election.getId(), "seats")).isEqualTo(1);
        assertThat(jdbc.queryForMap("select ends_on, extended from co_lead_term where organisation_id = 'unwomen'"
                + " and starts_on = ?", java.sql.Date.valueOf(start.minusYears(2))))
                .containsEntry("EXTENDED", true).containsEntry("ENDS_ON", java.sql.Date.valueOf(start.plusYears(1)));
        assertThat(engine.getRuntimeService().getVariable(election.getId(), "nomineeOptions").toString())
                .doesNotContain("\"unwomen\"").doesNotContain("\"unsd\"");

        List<String> started = elections.startDue(start.plusYears(1).minusMonths(3));
        assertThat(started).containsExactly("E-" + start.plusYears(1));
        ProcessInstance yearLater = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey("E-" + start.plusYears(1)).singleResult();
        assertThat(yearLater).as("one seat, no second continuity year").isWaitingAt("Task_Nominate")
                .hasNotPassed("Task_ProposeContinuity");
        assertThat(engine.getRuntimeService().getVariable(yearLater.getId(), "seats")).isEqualTo(1);
        assertThat(elections.startDue(start.plusYears(1).minusMonths(3))).as("started once").isEmpty();
    }

    @Test
    void theScheduleStartsAnElectionThreeMonthsBeforeTheTermsEndAndTheSecretariatCanStartOneEarlier() {
        LocalDate end = LocalDate.of(2080, 3, 1);
        repository.insertTerm("worldbank", end.minusYears(2), end, null);
        assertThat(elections.startDue(end.minusMonths(3).minusDays(1))).isEmpty();
        assertThat(elections.startDue(end.minusMonths(3))).containsExactly("E-" + end);

        LocalDate later = LocalDate.of(2090, 3, 1);
        repository.insertTerm("unitar", later.minusYears(2), later, null);
        ClockUtil.setCurrentTime(Date.from(later.minusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ElectionDelegates.PROCESS_KEY).latestVersion().singleResult().getId();
        ProcessInstance byHand = SteeringCommitteeVotes.as(engine, "sofia.secretariat",
                () -> engine.getFormService().submitStartForm(definition, Map.of()));
        assertThat(byHand.getBusinessKey()).isEqualTo("E-" + later);
        assertThatThrownBy(() -> SteeringCommitteeVotes.as(engine, "sofia.secretariat",
                () -> engine.getFormService().submitStartForm(definition, Map.of())))
                .isInstanceOf(FormInputException.class).hasMessageContaining("No co-lead term is waiting");
    }

    // Driving the election as its people would

    private ProcessInstance open(LocalDate termStartsOn, String... outgoing) {
        for (String organisation : outgoing) {
            repository.insertTerm(organisation, termStartsOn.minusYears(2), termStartsOn, null);
        }
        return engine.getRuntimeService().startProcessInstanceByKey(ElectionDelegates.PROCESS_KEY,
                Map.of("termStartsOn", termStartsOn.toString()));
    }

    /** An election of two seats whose accepted candidates are those given, waiting for votes. */
    private ProcessInstance atBallot(LocalDate start, List<String> candidates) {
        ProcessInstance election = open(start, "unsd", "unwomen");
        complete("sofia.secretariat", task(election, "Task_ProposeContinuity"), Map.of("continuityProposal", "none"));
        Map<String, String> nominations = new HashMap<>();
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            nominations.put(STEERING_COMMITTEE.get(2 + i), candidates.get(i));
            answers.put(candidates.get(i), "accept");
        }
        nominateAll(election, nominations);
        answerAll(election, answers);
        return election;
    }

    private void nominate(ProcessInstance election, String organisation, String nominee) {
        complete(SteeringCommitteeVotes.REPRESENTATIVE.get(organisation), task(election, "Task_Nominate", organisation),
                Map.of("nominee", nominee));
    }

    private void nominateAll(ProcessInstance election, Map<String, String> nominations) {
        for (String organisation : STEERING_COMMITTEE) {
            nominate(election, organisation, nominations.getOrDefault(organisation, ElectionDelegates.NO_NOMINATION));
        }
        SteeringCommitteeVotes.runJobs(engine);
    }

    private void answerAll(ProcessInstance election, Map<String, String> answers) {
        answers.forEach((organisation, answer) -> complete(SteeringCommitteeVotes.REPRESENTATIVE.get(organisation),
                task(election, "Task_AnswerNomination", organisation), Map.of("nominationAnswer", answer)));
        SteeringCommitteeVotes.runJobs(engine);
    }

    private void vote(ProcessInstance election, String organisation, List<String> choices) {
        complete(SteeringCommitteeVotes.REPRESENTATIVE.get(organisation), task(election, "Task_VoteCoLeads", organisation),
                Map.of(ElectionDelegates.SECRET_CHOICES, String.join(",", choices)));
    }

    /** The voting deadline passes: the open ballots close and the round is counted. */
    private void closeVoting(ProcessInstance election) {
        SteeringCommitteeVotes.runJobs(engine);
        Job deadline = engine.getManagementService().createJobQuery().processInstanceId(election.getId()).timers()
                .singleResult();
        engine.getManagementService().executeJob(deadline.getId());
        SteeringCommitteeVotes.runJobs(engine);
    }

    private Task task(ProcessInstance election, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(election.getId()).taskDefinitionKey(key)
                .singleResult();
    }

    private Task task(ProcessInstance election, String key, String organisation) {
        return engine.getTaskService().createTaskQuery().processInstanceId(election.getId()).taskDefinitionKey(key)
                .taskCandidateGroup("org-" + organisation).singleResult();
    }

    private List<Task> tasks(ProcessInstance election, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(election.getId()).taskDefinitionKey(key).list();
    }

    private void complete(String userId, Task task, Map<String, Object> variables) {
        assertThat(task).as("the task for " + userId).isNotNull();
        SteeringCommitteeVotes.as(engine, userId, () -> {
            engine.getFormService().submitTaskForm(task.getId(), variables);
            return null;
        });
    }

    private List<String> coLeads() {
        return jdbc.queryForList("select user_id_ from act_id_membership where group_id_ = ?", String.class,
                CollaborativeGroups.CO_LEADS);
    }
}
