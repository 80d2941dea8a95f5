package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A task form's text longer than the engine's column is refused with a message, the task kept (found by the bad input sweep). */
@EngineOnH2Test
@ExtendWith(OutputCaptureExtension.class)
class FormTextLimitTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void aTextLongerThanTheEngineKeepsIsRefusedAndOneAtTheLimitIsKept(CapturedOutput output) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("form-text-limit").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Note").endEvent().done();
        Deployment deployment = engine.getRepositoryService().createDeployment().addModelInstance("form-text-limit.bpmn", model)
                .deploy();
        try {
            ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("form-text-limit");
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();

            assertThatThrownBy(() -> engine.getFormService().submitTaskForm(task.getId(),
                    Map.of("handoverNote", "x".repeat(4001), "shortNote", "fine")))
                    .isInstanceOf(FormInputException.class)
                    .hasMessage("Please correct the form. handoverNote: at most 4000 characters; this has 4001");
            assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
            assertThat(engine.getRuntimeService().getVariables(instance.getId())).isEmpty();
            // The user's mistake is not the operator's: no error with a stack trace in the log (FormRefusalLogFilter).
            assertThat(output.getAll()).doesNotContain("ENGINE-16004").doesNotContain("at most 4000 characters");

            engine.getFormService().submitTaskForm(task.getId(), Map.of("handoverNote", "x".repeat(4000)));
            assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                    .variableName("handoverNote").singleResult().getValue()).isEqualTo("x".repeat(4000));
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }
}
