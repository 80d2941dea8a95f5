package org.citizendata.collaborative.directory;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.never;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.assertj.core.api.Assertions;
import org.citizendata.collaborative.platform.FormInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = "processes/directory/organisation-details-review.bpmn")
class OrganisationDetailsReviewProcessTest {

    ProcessEngine processEngine;

    JavaDelegate loadOrganisationDetails = mock(JavaDelegate.class);
    JavaDelegate updateOrganisationDetails = mock(JavaDelegate.class);

    @BeforeEach
    void stubDelegates() throws Exception {
        BpmnAwareTests.init(processEngine);
        doAnswer(invocation -> {
            DelegateExecution execution = invocation.getArgument(0);
            execution.setVariable("orgName", "Ghana Statistical Service");
            return null;
        }).when(loadOrganisationDetails).execute(any());
        Mocks.register("loadOrganisationDetails", loadOrganisationDetails);
        Mocks.register("updateOrganisationDetails", updateOrganisationDetails);
    }

    @AfterEach
    void resetMocks() {
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void confirmedDetailsAreWrittenToTheDirectory() throws Exception {
        ProcessInstance review = start("gss");

        assertThat(review).isWaitingAt("Task_ConfirmOrganisationDetails");
        assertThat(task()).hasCandidateGroup("org-gss").hasName("Confirm organisation details");
        assertThat(review).variables().containsEntry("orgName", "Ghana Statistical Service");
        Instant due = task().getDueDate().toInstant();
        Assertions.assertThat(Duration.between(Instant.now(), due))
                .isBetween(Duration.ofDays(13), Duration.ofDays(14));

        complete(task(), withVariables("orgName", "Ghana Statistical Service (GSS)"));

        verify(updateOrganisationDetails).execute(any());
        assertThat(review).hasPassedInOrder("Task_LoadOrganisationDetails", "Task_ConfirmOrganisationDetails",
                "Task_UpdateOrganisationDetails").isEnded();
    }

    @Test
    void refusedDetailsLeaveTheTaskOpen() throws Exception {
        doThrow(new FormInputException(Map.of("orgName", "the organisation name is required")))
                .when(updateOrganisationDetails).execute(any());
        ProcessInstance review = start("gss");

        assertThatThrownBy(() -> complete(task(review), withVariables("orgName", "")))
                .isInstanceOf(FormInputException.class).hasMessageContaining("orgName");

        assertThat(review).isWaitingAt("Task_ConfirmOrganisationDetails");
        assertThat(review).variables().containsEntry("orgName", "Ghana Statistical Service");
    }

    @Test
    void eachOrganisationGetsItsOwnTask() throws Exception {
        start("gss");
        start("inegi");

        Assertions.assertThat(processEngine.getTaskService().createTaskQuery().taskCandidateGroup("org-inegi").count())
                .isEqualTo(1);
        Assertions.assertThat(processEngine.getTaskService().createTaskQuery().taskCandidateGroup("org-gss").count())
                .isEqualTo(1);
        verify(updateOrganisationDetails, never()).execute(any());
    }

    private ProcessInstance start(String organisationId) {
        return processEngine.getRuntimeService().startProcessInstanceByKey(OrganisationDetailsReview.PROCESS_KEY, organisationId,
                Map.of("organisationId", organisationId));
    }
}
