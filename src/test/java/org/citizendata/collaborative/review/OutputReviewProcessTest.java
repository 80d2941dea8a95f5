package org.citizendata.collaborative.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.citizendata.collaborative.platform.FormInputException;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.citizendata.collaborative.testsupport.SteeringCommitteeVotes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The member review round and the comment disposition of {@code output-review}, on the demo workstream. */
@EngineOnH2Test
class OutputReviewProcessTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcTemplate jdbc;

    String workstream;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        workstream = jdbc.queryForObject("select workstream_key from workstream where title = ?", String.class,
                "Disability data by and for persons with disabilities");
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void aRoundWhereSomeMembersNeverAnswerClosesAtTheDeadlineAndTheyAreTold() {
        ProcessInstance review = submit("bikash.nddn", "NATIONAL_STATISTICAL_OFFICE");
        assertThat(tasks(review, "Task_ReviewOutput")).hasSize(3); // GSS, INEGI, PSA

        reviewAs("kofi.gss", review, "gss", "ENDORSE_WITH_CHANGES", "Good overall, with caveats.",
                "Chapter 2: define \"citizen data\", please\nAnnex: add the Spanish terms");
        reviewAs("maria.psa", review, "psa", "ENDORSE", "", "");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(21)).plusSeconds(60)));
        runJobs();

        assertThat(review).isWaitingAt("Task_AnswerComments");
        String key = review.getBusinessKey() != null ? review.getBusinessKey() : outputKey(review);
        assertThat(jdbc.queryForObject("select recommendation from output_review where output_key = ? and organisation_id = 'inegi'",
                String.class, key)).isEqualTo("NO_RESPONSE");
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key = ?", Integer.class,
                "review-closed:" + key + ":1:diego.inegi")).isEqualTo(1);
        assertThat(jdbc.queryForList("select number || ':' || coalesce(section, 'general') from output_comment"
                + " where output_key = ? order by number", String.class, key))
                .containsExactly("1:general", "2:Annex", "3:Chapter 2");
    }

    @Test
    void theLeadAnswersEveryCommentBeforeTheOutputGoesOn() {
        ProcessInstance review = submit("camila.sdp", "HUMAN_RIGHTS_INSTITUTION");
        reviewAs("mette.dihr", review, "dihr", "ENDORSE_WITH_CHANGES", "Cite the CRPD.", "Section 3: consent, please");
        reviewAs("jose.chr", review, "chr", "DO_NOT_ENDORSE", "Too early.", "");
        assertThat(review).isWaitingAt("Task_AnswerComments");

        complete("camila.sdp", task(review, "Task_AnswerComments"), Map.of("dispositions",
                "1 | accepted | Cited in the introduction, \"Article 31\"\n2 | partly | A paragraph on consent"));
        assertThat(review).isWaitingAt("Task_AnswerComments");
        assertThat((String) engine.getRuntimeService().getVariable(review.getId(), "commentMatrix")).contains("not answered yet");

        assertThatThrownBy(() -> complete("camila.sdp", task(review, "Task_AnswerComments"),
                Map.of("dispositions", "3 maybe later"))).isInstanceOf(FormInputException.class)
                .hasMessageContaining("not understood");
        assertThatThrownBy(() -> complete("camila.sdp", task(review, "Task_AnswerComments"),
                Map.of("dispositions", "9 | not | no such comment"))).isInstanceOf(FormInputException.class)
                .hasMessageContaining("[9]");

        complete("bikash.nddn", task(review, "Task_AnswerComments"), Map.of("dispositions", "3 | not | We think it is ready"));
        assertThat(review).isWaitingAt("CallActivity_ApproveOutput");
        assertThat(jdbc.queryForObject("select status from output where output_key = ?", String.class, outputKey(review)))
                .isEqualTo("DISPOSED");
    }

    @Test
    void theRoundClosesEarlyWhenEveryOrganisationHasReviewed() {
        ProcessInstance review = submit("bikash.nddn", "LINE_MINISTRY");
        reviewAs("sarah.mglsd", review, "mglsd", "ENDORSE", "", "");
        assertThat(review).isWaitingAt("CallActivity_ApproveOutput").hasNotPassed("Task_AnswerComments");
    }

    @Test
    void onlyALeadSubmitsAndBadInputStartsNothing() {
        long before = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("output-review").count();
        assertThatThrownBy(() -> submit("kofi.gss", "")).isInstanceOf(FormInputException.class)
                .hasMessageContaining("workstreamKey: only the leads of " + workstream);
        Map<String, Object> bad = form("");
        bad.put("outputType", "POEM");
        bad.put("documentUrl", "javascript:alert(1)");
        assertThatThrownBy(() -> start("bikash.nddn", bad)).isInstanceOf(FormInputException.class)
                .hasMessageContaining("title: is required").hasMessageContaining("outputType")
                .hasMessageContaining("documentUrl");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("output-review").count())
                .isEqualTo(before);
    }

    @Test
    void aReviewAfterTheDeadlineIsRefusedEvenBeforeTheRoundIsClosed() {
        ProcessInstance review = submit("bikash.nddn", "RESEARCH_INSTITUTION");
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(22))));
        assertThatThrownBy(() -> reviewAs("thandi.cdl", review, "cdl", "ENDORSE", "late", ""))
                .isInstanceOf(FormInputException.class).hasMessageContaining("closed");
    }

    @Test
    void anApprovedOutputGoesToTheNextSessionItCanMakeAndTheCommissionAdoptsIt() {
        ProcessInstance review = approved("METHODOLOGICAL_GUIDANCE");
        assertThat(review).isWaitingAt("Task_ConfirmTrack");
        assertThat(engine.getRuntimeService().getVariable(review.getId(), "proposedTrack")).isEqualTo("FOR_DECISION");
        assertThatThrownBy(() -> complete("sofia.secretariat", task(review, "Task_ConfirmTrack"),
                Map.of("track", "FOR_INFORMATION", "overrideReason", ""))).isInstanceOf(FormInputException.class)
                .hasMessageContaining("overrideReason");
        complete("sofia.secretariat", task(review, "Task_ConfirmTrack"), Map.of("track", "FOR_DECISION", "overrideReason", ""));

        assertThat(review).isWaitingAt("Task_PrepareSubmission");
        Map<String, Object> output = jdbc.queryForMap("select * from output where output_key = ?", outputKey(review));
        assertThat(output.get("SESSION_NUMBER")).isEqualTo(LocalDate.now().getYear() + 1 - 1969);
        assertThat(output.get("TRACK")).isEqualTo("FOR_DECISION");
        complete("james.secretariat", task(review, "Task_PrepareSubmission"), Map.of("documentSymbol", "E/CN.3/2027/12"));

        ClockUtil.setCurrentTime(Date.from(LocalDate.of(LocalDate.now().getYear() + 1, 3, 31).atStartOfDay()
                .toInstant(ZoneOffset.UTC)));
        runJobs();
        complete("sofia.secretariat", task(review, "Task_RecordCommissionOutcome"), Map.of("commissionOutcome", "ADOPTED",
                "commissionRequests", ""));
        assertThat(review).isEnded().hasPassed("EndEvent_OutputConcluded");
        assertThat(jdbc.queryForObject("select status from output where output_key = ?", String.class, outputKey(review)))
                .isEqualTo("ADOPTED");
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ?", Integer.class,
                "commission-outcome:" + outputKey(review) + ":%")).isPositive();
    }

    @Test
    void anOutputReturnedByTheCommissionGoesBackToTheLeads() {
        ProcessInstance review = approved("FRAMEWORK");
        complete("sofia.secretariat", task(review, "Task_ConfirmTrack"), Map.of("track", "FOR_DECISION"));
        complete("james.secretariat", task(review, "Task_PrepareSubmission"), Map.of("documentSymbol", "E/CN.3/2027/13"));
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(LocalDate.now().getYear() + 1, 3, 31).atStartOfDay()
                .toInstant(ZoneOffset.UTC)));
        runJobs();
        assertThatThrownBy(() -> complete("sofia.secretariat", task(review, "Task_RecordCommissionOutcome"),
                Map.of("commissionOutcome", "RETURNED", "commissionRequests", ""))).isInstanceOf(FormInputException.class);
        complete("sofia.secretariat", task(review, "Task_RecordCommissionOutcome"), Map.of("commissionOutcome", "RETURNED",
                "commissionRequests", "Align the terminology with the Copenhagen Framework"));
        assertThat(review).isWaitingAt("Task_ReviseOutput");
        assertThat(jdbc.queryForObject("select commission_requests from output where output_key = ?", String.class,
                outputKey(review))).startsWith("Align the terminology");
    }

    @Test
    void aRejectedOutputIsRevisedReviewedAgainAndApproved() {
        ProcessInstance review = submit("bikash.nddn", "LINE_MINISTRY");
        reviewAs("sarah.mglsd", review, "mglsd", "DO_NOT_ENDORSE", "Not yet.", "");
        complete("camila.sdp", task(review, "Task_AnswerComments"), Map.of("dispositions", "1 | partly | Rewritten"));
        SteeringCommitteeVotes.decide(engine, review, "reject");

        assertThat(review).isWaitingAt("Task_ReviseOutput");
        assertThat(jdbc.queryForObject("select status from output where output_key = ?", String.class, outputKey(review)))
                .isEqualTo("REJECTED");
        complete("bikash.nddn", task(review, "Task_ReviseOutput"), Map.of("documentUrl", "https://docs.example.org/v2.pdf",
                "summary", "Second draft", "anotherRound", true));
        assertThat(review).isWaitingAt("Task_ReviewOutput");
        reviewAs("sarah.mglsd", review, "mglsd", "ENDORSE", "", "");
        assertThat(jdbc.queryForObject("select count(*) from output_review where output_key = ? and review_round = 2",
                Integer.class, outputKey(review))).isEqualTo(1);
        SteeringCommitteeVotes.decide(engine, review, "approve");
        assertThat(review).isWaitingAt("Task_ConfirmTrack");
    }

    @Test
    void aMissedDeadlineMovesTheOutputToTheFollowingSessionAndTheLeadsAreTold() {
        int year = LocalDate.now().getYear() + 1;
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(year, 2, 1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        ProcessInstance review = approved("CASE_STUDIES");
        complete("sofia.secretariat", task(review, "Task_ConfirmTrack"), Map.of("track", "FOR_INFORMATION"));
        assertThat(jdbc.queryForObject("select session_number from output where output_key = ?", Integer.class,
                outputKey(review))).isEqualTo(year + 1 - 1969);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ?", Integer.class,
                "session-moved:" + outputKey(review) + ":%")).isEqualTo(2);
    }

    @Test
    void withNoSessionLeftTheSecretariatAddsOne() {
        int year = LocalDate.now().getYear() + 3;
        ClockUtil.setCurrentTime(Date.from(LocalDate.of(year, 1, 10).atStartOfDay().toInstant(ZoneOffset.UTC)));
        ProcessInstance review = approved("OTHER");
        complete("sofia.secretariat", task(review, "Task_ConfirmTrack"), Map.of("track", "FOR_INFORMATION"));
        assertThat(review).isWaitingAt("Task_AddSession");
        int number = year - 1969;
        // Without a deadline it would be 8 weeks before opening, 5 January: passed already, so asked again.
        complete("sofia.secretariat", task(review, "Task_AddSession"), Map.of("sessionNumber", (long) number,
                "opensOn", year + "-03-02", "closesOn", year + "-03-05", "documentDeadline", ""));
        assertThat(review).isWaitingAt("Task_AddSession");
        assertThat(jdbc.queryForObject("select document_deadline from commission_session where session_number = ?",
                java.sql.Date.class, number).toLocalDate()).isEqualTo(LocalDate.of(year, 3, 2).minusWeeks(8));
        complete("sofia.secretariat", task(review, "Task_AddSession"), Map.of("sessionNumber", (long) number + 1,
                "opensOn", (year + 1) + "-03-01", "closesOn", (year + 1) + "-03-04", "documentDeadline", ""));
        assertThat(review).isWaitingAt("Task_PrepareSubmission");
        assertThat(jdbc.queryForObject("select session_number from output where output_key = ?", Integer.class,
                outputKey(review))).isEqualTo(number + 1);
    }

    /** An output through review and disposition, approved by the Steering Committee. */
    ProcessInstance approved(String type) {
        Map<String, Object> form = form("Approved output " + UUID.randomUUID());
        form.put("outputType", type);
        form.put("reviewCategories", "PRIVATE_INSTITUTION");
        ProcessInstance review = start("bikash.nddn", form);
        reviewAs("arjun.geoinsight", review, "geoinsight", "ENDORSE", "", "");
        SteeringCommitteeVotes.decide(engine, review, "approve");
        return review;
    }

    ProcessInstance submit(String userId, String categories) {
        Map<String, Object> form = form("Guidance on disability data " + UUID.randomUUID());
        form.put("reviewCategories", categories);
        return start(userId, form);
    }

    Map<String, Object> form(String title) {
        Map<String, Object> form = new HashMap<>();
        form.put("workstreamKey", workstream);
        form.put("title", title);
        form.put("outputType", "METHODOLOGICAL_GUIDANCE");
        form.put("documentUrl", "https://docs.example.org/disability-data-guidance-v1.pdf");
        form.put("summary", "Draft guidance for organisations of persons with disabilities collecting citizen data.");
        return form;
    }

    ProcessInstance start(String userId, Map<String, Object> form) {
        String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("output-review")
                .latestVersion().singleResult().getId();
        return as(userId, () -> engine.getFormService().submitStartForm(definition, form));
    }

    void reviewAs(String userId, ProcessInstance review, String organisation, String recommendation, String general,
            String sections) {
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(review.getId())
                .taskCandidateGroup("org-" + organisation).singleResult();
        complete(userId, task, Map.of("recommendation", recommendation, "generalComments", general,
                "sectionComments", sections));
        runJobs();
    }

    void complete(String userId, Task task, Map<String, Object> variables) {
        as(userId, () -> {
            engine.getFormService().submitTaskForm(task.getId(), variables);
            return null;
        });
    }

    List<Task> tasks(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).list();
    }

    Task task(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    String outputKey(ProcessInstance instance) {
        return (String) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName("outputKey").singleResult().getValue();
    }

    void runJobs() {
        SteeringCommitteeVotes.runJobs(engine);
    }

    <T> T as(String userId, java.util.function.Supplier<T> action) {
        return SteeringCommitteeVotes.as(engine, userId, action);
    }
}
