package org.citizendata.collaborative.workstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.citizendata.collaborative.notification.TaskRemindersAccess;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of {@code workstream-proposal} and {@code workstream}, with the real Steering
 * Committee decision process, on the embedded database with the demo directory.
 */
@EngineOnH2Test
class WorkstreamProposalProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskRemindersAccess reminders;

    ProposalDriver driver;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        driver = new ProposalDriver(engine);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void anApprovedProposalBecomesAWorkstreamWithItsGroupInvitationsAndFirstReport() {
        ProcessInstance proposal = driver.propose("kofi.gss", ProposalDriver.proposal("Approved " + UUID.randomUUID()));
        String key = proposal.getBusinessKey() == null ? driver.variable(proposal, "proposalKey") : proposal.getBusinessKey();
        assertThat(proposal).isWaitingAt("Task_CheckCompleteness");

        driver.complete("sofia.secretariat", driver.task(proposal, "Task_CheckCompleteness"), Map.of("completeness", "accept"));
        assertThat(proposal).isWaitingAt("Task_ReviewConsistency");
        assertThat(driver.variable(proposal, "landscape")).isNotBlank();
        driver.complete("amina.unsd", driver.task(proposal, "Task_ReviewConsistency"), Map.of("consistency", "clear"));
        assertThat(status(key)).isEqualTo("VOTING");

        driver.vote(proposal, "approve");

        assertThat(proposal).isEnded().hasPassed("Task_EstablishWorkstream", "EndEvent_WorkstreamApproved");
        assertThat(status(key)).isEqualTo("APPROVED");
        // The outcome with its tally reaches the proposer and the members.
        assertThat(jdbc.queryForList("select recipient_user_id from mail_outbox where subject like ? and text_body like ?",
                String.class, "Workstream proposal approved: Approved %", "%Approved: 10 approve, 0 reject, 0 abstain of 10 eligible%"))
                .contains("kofi.gss", "maria.psa", "hana.uneca").hasSizeGreaterThan(20);
        Map<String, Object> workstream = jdbc.queryForMap("select * from workstream where workstream_key = ?", key);
        assertThat(workstream.get("STATUS")).isEqualTo("ACTIVE");
        assertThat(((java.sql.Date) workstream.get("PLANNED_END")).toLocalDate())
                .isEqualTo(LocalDate.now().plusMonths(12));
        assertThat(engine.getIdentityService().createUserQuery().memberOfGroup("workstream-" + key).list())
                .extracting(u -> u.getId()).containsExactlyInAnyOrder("kofi.gss", "maria.psa");
        assertThat(jdbc.queryForList("select answer from workstream_resource_person where proposal_key = ?",
                String.class, key)).containsOnly("INVITED").hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ?", Integer.class,
                "invitation:" + key + ":%")).isEqualTo(2);

        ProcessInstance life = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("workstream")
                .processInstanceBusinessKey(key).singleResult();
        Task report = driver.task(life, "Task_SubmitReport");
        assertThat(report).isNotNull();
        assertThat(engine.getTaskService().getIdentityLinksForTask(report.getId()))
                .anyMatch(l -> ("workstream-" + key).equals(l.getGroupId()));
        assertThat(Duration.between(new Date().toInstant(), report.getDueDate().toInstant()).toDays()).isBetween(88L, 93L);
    }

    @Test
    void aReturnedProposalIsRevisedAndMayBeClosedAfterThreeReturns() {
        ProcessInstance proposal = driver.propose("diego.inegi", ProposalDriver.proposal("Revision loop " + UUID.randomUUID()));
        for (int returns = 1; returns <= 3; returns++) {
            if (returns == 3) {
                assertThatThrownBy(() -> driver.complete("james.secretariat", driver.task(proposal, "Task_CheckCompleteness"),
                        Map.of("completeness", "close"))).isInstanceOf(FormInputException.class)
                        .hasMessageContaining("after three returns");
            }
            driver.complete("james.secretariat", driver.task(proposal, "Task_CheckCompleteness"),
                    Map.of("completeness", "return", "reviewComments", "Say who does what (" + returns + ")"));
            Task revise = driver.task(proposal, "Task_ReviseProposal");
            assertThat(revise.getAssignee()).isEqualTo("diego.inegi");
            Map<String, Object> revised = ProposalDriver.proposal("Revision loop, version " + (returns + 1));
            revised.put("revisionAction", "revise");
            driver.complete("diego.inegi", revise, revised);
            assertThat(proposal).isWaitingAt("Task_CheckCompleteness");
        }
        driver.complete("james.secretariat", driver.task(proposal, "Task_CheckCompleteness"),
                Map.of("completeness", "close", "reviewComments", "Three returns without the terms of reference"));
        assertThat(proposal).isEnded().hasPassed("EndEvent_ClosedBySecretariat", "EndEvent_ProposalWithdrawn");
        assertThat(status(driver.variable(proposal, "proposalKey"))).isEqualTo("WITHDRAWN");
    }

    @Test
    void theProposerWithdrawsBeforeTheVoteButNotAfter() {
        ProcessInstance early = driver.propose("maria.psa", ProposalDriver.proposal("Withdrawn " + UUID.randomUUID()));
        String key = driver.variable(early, "proposalKey");
        engine.getRuntimeService().createMessageCorrelation("WithdrawProposal").processInstanceBusinessKey(key).correlate();
        assertThat(early).isEnded().hasPassed("EndEvent_WithdrawnByProposer");
        assertThat(status(key)).isEqualTo("WITHDRAWN");

        ProcessInstance late = toVote("Too late to withdraw " + UUID.randomUUID());
        String lateKey = driver.variable(late, "proposalKey");
        assertThatThrownBy(() -> engine.getRuntimeService().createMessageCorrelation("WithdrawProposal")
                .processInstanceBusinessKey(lateKey).correlate()).isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(status(lateKey)).isEqualTo("VOTING");
    }

    @Test
    void theCoLeadsAskForChangesAndTheRevisionComesBackToThem() {
        ProcessInstance proposal = driver.propose("kofi.gss", ProposalDriver.proposal("Overlapping " + UUID.randomUUID()));
        driver.complete("sofia.secretariat", driver.task(proposal, "Task_CheckCompleteness"), Map.of("completeness", "accept"));
        driver.complete("lucia.unwomen", driver.task(proposal, "Task_ReviewConsistency"),
                Map.of("consistency", "changes", "consistencyComments", "Overlaps ws-1 on gender statistics"));
        assertThat(status(driver.variable(proposal, "proposalKey"))).isEqualTo("CHANGES");
        Map<String, Object> revised = ProposalDriver.proposal("Overlapping, narrowed");
        revised.put("revisionAction", "revise");
        driver.complete("kofi.gss", driver.task(proposal, "Task_ReviseProposal"), revised);

        assertThat(proposal).isWaitingAt("Task_ReviewConsistency");
        assertThat(driver.task(proposal, "Task_CheckCompleteness")).isNull();
    }

    @Test
    void aRejectedProposalMayBeResubmittedLinkedToTheFirst() {
        ProcessInstance proposal = toVote("Rejected " + UUID.randomUUID());
        String key = driver.variable(proposal, "proposalKey");
        driver.vote(proposal, "reject");

        assertThat(proposal).isWaitingAt("Task_ConsiderResubmission");
        assertThat(status(key)).isEqualTo("REJECTED");
        assertThat(driver.variable(proposal, "decisionTally")).startsWith("Rejected: 0 approve, 10 reject");
        Map<String, Object> revised = ProposalDriver.proposal("Resubmitted, smaller");
        revised.put("resubmit", true);
        driver.complete("kofi.gss", driver.task(proposal, "Task_ConsiderResubmission"), revised);

        assertThat(proposal).isEnded().hasPassed("EndEvent_ProposalRejected");
        String revision = jdbc.queryForObject("select proposal_key from workstream_proposal where revision_of = ?",
                String.class, key);
        ProcessInstance second = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(revision).singleResult();
        assertThat(second).isWaitingAt("Task_CheckCompleteness");
        assertThat(jdbc.queryForObject("select title from workstream_proposal where proposal_key = ?", String.class, revision))
                .isEqualTo("Resubmitted, smaller");
    }

    @Test
    void reportsComeEveryPeriodWithRemindersAndTheSecretariatAcknowledgesOrRaises() {
        ProcessInstance life = approvedWorkstream("Reporting " + UUID.randomUUID());
        String key = life.getBusinessKey();
        Task first = driver.task(life, "Task_SubmitReport");
        ClockUtil.setCurrentTime(Date.from(first.getDueDate().toInstant().minus(Duration.ofDays(1))));
        reminders.remindAndEscalate();
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ?", Integer.class,
                "task-reminder:" + first.getId() + ":%")).isEqualTo(2); // both leads

        driver.complete("maria.psa", first, Map.of("progress", "Pilot in the Philippines started"));
        driver.complete("sofia.secretariat", driver.task(life, "Task_ReviewReport"),
                Map.of("reportReview", "raise", "reviewNote", "The pilot needs funding"));
        Task second = driver.task(life, "Task_SubmitReport");
        assertThat(second).isNotNull();
        assertThat(Duration.between(first.getDueDate().toInstant(), second.getDueDate().toInstant()).toDays())
                .isBetween(89L, 92L);
        assertThat(jdbc.queryForList("select review from workstream_report where workstream_key = ?", String.class, key))
                .containsExactly("RAISED");
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like 'report-raised:%'"
                + " and subject like ?", Integer.class, "%" + jdbc.queryForObject(
                "select title from workstream where workstream_key = ?", String.class, key) + "%")).isPositive();
    }

    @Test
    void anExtensionApprovedMovesTheEndAndOneRefusedLeadsToClosure() {
        ProcessInstance life = approvedWorkstream("Extension " + UUID.randomUUID());
        String key = life.getBusinessKey();
        LocalDate end = jdbc.queryForObject("select planned_end from workstream where workstream_key = ?", java.sql.Date.class, key)
                .toLocalDate();
        passTheEnd(end);
        driver.complete("kofi.gss", driver.task(life, "Task_CloseOrExtend"), Map.of("closureChoice", "extend",
                "newEnd", end.plusMonths(6).toString(), "extensionReason", "Pilots were delayed"));
        ProcessInstance ballotCaller = life;
        driver.vote(ballotCaller, "approve");
        assertThat(jdbc.queryForObject("select planned_end from workstream where workstream_key = ?", java.sql.Date.class, key)
                .toLocalDate()).isEqualTo(end.plusMonths(6));
        assertThat(driver.task(life, "Task_CloseOrExtend")).isNull();

        passTheEnd(end.plusMonths(6));
        driver.complete("kofi.gss", driver.task(life, "Task_CloseOrExtend"), Map.of("closureChoice", "extend",
                "newEnd", end.plusMonths(9).toString(), "extensionReason", "More pilots"));
        driver.vote(life, "reject");
        Task again = driver.task(life, "Task_CloseOrExtend");
        assertThat(again).as("refused: the leads close or ask again").isNotNull();

        assertThatThrownBy(() -> driver.complete("maria.psa", again, Map.of("closureChoice", "close")))
                .isInstanceOf(FormInputException.class).hasMessageContaining("finalReport");
        driver.complete("maria.psa", again, Map.of("closureChoice", "close", "finalReport", "Guidance published"));

        assertThat(life).isEnded().hasPassed("EndEvent_WorkstreamClosed");
        assertThat(jdbc.queryForObject("select status from workstream where workstream_key = ?", String.class, key))
                .isEqualTo("CLOSED");
    }

    private void passTheEnd(LocalDate end) {
        ClockUtil.setCurrentTime(Date.from(end.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        driver.runJobs();
    }

    private ProcessInstance toVote(String title) {
        ProcessInstance proposal = driver.propose("kofi.gss", ProposalDriver.proposal(title));
        driver.complete("sofia.secretariat", driver.task(proposal, "Task_CheckCompleteness"), Map.of("completeness", "accept"));
        driver.complete("amina.unsd", driver.task(proposal, "Task_ReviewConsistency"), Map.of("consistency", "clear"));
        return proposal;
    }

    private ProcessInstance approvedWorkstream(String title) {
        ProcessInstance proposal = toVote(title);
        driver.vote(proposal, "approve");
        String key = driver.variable(proposal, "proposalKey");
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("workstream")
                .processInstanceBusinessKey(key).singleResult();
    }

    private String status(String key) {
        return jdbc.queryForObject("select status from workstream_proposal where proposal_key = ?", String.class, key);
    }
}
