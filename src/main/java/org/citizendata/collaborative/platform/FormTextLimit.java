package org.citizendata.collaborative.platform;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.stereotype.Component;

/**
 * The engine keeps a text variable in a column of 4000 characters: a longer answer in any task
 * form failed in the database with an internal error. Every user task now refuses it when it is
 * completed, naming the field, before anything is written (a 400 with the message, as the forms'
 * own checks give); the forms that check their own fields say so earlier, with their own limits.
 */
@Component
public class FormTextLimit extends AbstractProcessEnginePlugin {

    /** The length of the engine's text column for variables ({@code TEXT_}). */
    public static final int MAX_CHARACTERS = 4000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BpmnParseListener everyUserTask = new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, FormTextLimit::check);
            }
        };
        configuration.setCustomPreBPMNParseListeners(EngineConfigurations.plus(configuration.getCustomPreBPMNParseListeners(),
                everyUserTask));
        configuration.setCustomPreCommandInterceptorsTxRequired(EngineConfigurations.plus(
                configuration.getCustomPreCommandInterceptorsTxRequired(), new ListenerRefusals()));
    }

    /**
     * The engine wraps whatever a task listener throws in an internal error (ENGINE-03051); a refusal
     * of the form's input is given back as it was thrown, so that it stays a 400 with its message.
     * The command's transaction is rolled back either way.
     */
    static class ListenerRefusals extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                FormInputException refusal = e.getMessage() != null && e.getMessage().startsWith("ENGINE-03051")
                        ? FormInputException.causing(e) : null;
                // A listener named by an expression is wrapped once more ("Exception while invoking TaskListener").
                throw refusal != null ? refusal : e;
            }
        }
    }

    /**
     * Refuses the completion if a text the task can see is longer than the engine can store. Only
     * text variables are read: other values (lists kept as serialized objects) are not loaded from
     * their byte arrays, which every vote used to do twice.
     */
    static void check(DelegateTask task) {
        Map<String, String> tooLong = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (AbstractVariableScope scope = (AbstractVariableScope) task; scope != null;
                scope = scope.getParentVariableScope()) {
            for (CoreVariableInstance variable : scope.getVariableInstancesLocal()) {
                if (!seen.add(variable.getName())) {
                    continue; // hidden by a variable of the same name nearer the task
                }
                String text = textOf(variable);
                // PostgreSQL counts characters, not Java's UTF-16 units: a text the database kept is never refused
                // here, so only what this completion brings in can be.
                int characters = text == null ? 0 : text.codePointCount(0, text.length());
                if (characters > MAX_CHARACTERS) {
                    tooLong.put(variable.getName(), "at most " + MAX_CHARACTERS + " characters; this has " + characters);
                }
            }
        }
        if (!tooLong.isEmpty()) {
            throw new FormInputException(tooLong);
        }
    }

    private static String textOf(CoreVariableInstance variable) {
        if (variable instanceof VariableInstanceEntity stored) {
            return ValueType.STRING.getName().equals(stored.getSerializerName()) ? stored.getTextValue() : null;
        }
        return variable.getTypedValue(false) instanceof StringValue text ? text.getValue() : null; // transient
    }
}
