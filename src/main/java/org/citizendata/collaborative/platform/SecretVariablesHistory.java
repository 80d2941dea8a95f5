package org.citizendata.collaborative.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseUtil;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * Full history, except for secrets. Camunda records every variable a task form submits, with
 * its task and the person who completed it; a secret ballot's choice must never be recorded so.
 * Variables whose names start with {@value #SECRET_PREFIX}, and those a process instance names in
 * its variable {@value #SECRET_VARIABLES} (comma separated), leave no history; neither do the
 * engine's form-property records (copies of submitted values that nothing here reads).
 *
 * <p>A model may also name variables whose record its process keeps elsewhere, in a property of
 * the process: {@code <camunda:property name="variablesWithoutHistory" value="choice,reason" />}
 * (the Steering Committee's vote rows keep each vote; the engine's copy of every vote form and
 * multi-instance counter was written and never read). They leave no history either.
 *
 * <p>A process whose own tables are the record of its instances may leave no history of them:
 * {@code <camunda:property name="history" value="none" />} ({@code mail-delivery}: the outbox keeps
 * each mail's status, attempts and last error; the engine wrote a process instance, three activity
 * instances and a job log for each delivery, and nothing read them). No history of the instance,
 * its activities, variables, jobs, incidents, tasks, external tasks and identity links; an
 * operator's action on one (retrying its job in Cockpit) is still in the operation log. Its running
 * instances, failed jobs and incidents are in Cockpit as before.
 *
 * <p>The level keeps the id and name of {@code full}, so a database set up with full history
 * keeps working; it is put in place after the engine's initialisation, before the engine checks
 * the database's history level.
 */
@Component
public class SecretVariablesHistory extends AbstractProcessEnginePlugin {

    public static final String SECRET_PREFIX = "secret";
    public static final String SECRET_VARIABLES = "secretVariables";

    private static final List<HistoryEventType> VARIABLE_EVENTS = List.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
            HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL);

    /** The process property naming the variables whose record the process keeps elsewhere. */
    public static final String WITHOUT_HISTORY = "variablesWithoutHistory";

    /** The process property that, set to {@value #NONE}, leaves no history of the process's instances. */
    public static final String HISTORY = "history";
    public static final String NONE = "none";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        BpmnParseListener declaredByTheModel = new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                Map<String, String> properties = BpmnParseUtil.parseCamundaExtensionProperties(processElement);
                String names = properties == null ? null : properties.get(WITHOUT_HISTORY); // null: no properties
                if (names != null) {
                    processDefinition.setProperty(WITHOUT_HISTORY, Set.copyOf(Arrays.stream(names.split(","))
                            .map(String::strip).filter(name -> !name.isEmpty()).toList()));
                }
                if (properties != null && NONE.equals(properties.get(HISTORY))) {
                    processDefinition.setProperty(HISTORY, NONE);
                }
            }
        };
        configuration.setCustomPreBPMNParseListeners(EngineConfigurations.plus(configuration.getCustomPreBPMNParseListeners(),
                declaredByTheModel));
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryLevel(new WithoutSecrets(configuration.getHistoryLevel()));
    }

    /** The configured level, less the records that could carry a secret and those a model turns off. */
    static final class WithoutSecrets implements HistoryLevel {

        private final HistoryLevel level;

        WithoutSecrets(HistoryLevel level) {
            this.level = level;
        }

        @Override
        public int getId() {
            return level.getId();
        }

        @Override
        public String getName() {
            return level.getName();
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE) {
                return false;
            }
            // Set by the process's model: the same answer for every event of an instance, from its start to its end.
            if (entity != null && withoutHistory(entity)) {
                return false;
            }
            if (VARIABLE_EVENTS.contains(eventType) && entity instanceof VariableInstance variable
                    && (secret(variable) || keptElsewhere(variable))) {
                return false;
            }
            return level.isHistoryEventProduced(eventType, entity);
        }

        private static boolean secret(VariableInstance variable) {
            String name = variable.getName();
            if (name == null || name.startsWith(SECRET_PREFIX)) {
                return name != null;
            }
            if (variable instanceof VariableInstanceEntity entity && entity.getProcessInstanceId() != null) {
                ExecutionEntity processInstance = Context.getCommandContext() == null ? null
                        : Context.getCommandContext().getExecutionManager().findExecutionById(entity.getProcessInstanceId());
                Object names = processInstance == null ? null : processInstance.getVariableLocal(SECRET_VARIABLES);
                return names != null && Arrays.asList(names.toString().split(",")).contains(name);
            }
            return false;
        }

        /** Whether the entity belongs to an instance of a process whose model turns its history off. */
        private static boolean withoutHistory(Object entity) {
            if (entity instanceof ExecutionEntity execution && execution.getProcessDefinition() != null) {
                return NONE.equals(execution.getProcessDefinition().getProperty(HISTORY)); // resolved already
            }
            String processDefinitionId = processDefinitionIdOf(entity);
            if (processDefinitionId == null) {
                return false;
            }
            ProcessDefinitionEntity definition = deployed(processDefinitionId);
            return definition != null && NONE.equals(definition.getProperty(HISTORY));
        }

        /** The process definition of the other entities a process's history is made of; null for any other. */
        private static String processDefinitionIdOf(Object entity) {
            if (entity instanceof VariableInstanceEntity variable) {
                return variable.getProcessDefinitionId();
            }
            if (entity instanceof JobEntity job) {
                return job.getProcessDefinitionId();
            }
            if (entity instanceof IncidentEntity incident) {
                return incident.getProcessDefinitionId();
            }
            if (entity instanceof TaskEntity task) {
                return task.getProcessDefinitionId();
            }
            if (entity instanceof ExternalTaskEntity externalTask) {
                return externalTask.getProcessDefinitionId();
            }
            if (entity instanceof IdentityLinkEntity link) {
                return link.getProcessDefId();
            }
            return null;
        }

        private static ProcessDefinitionEntity deployed(String processDefinitionId) {
            if (processDefinitionId == null || Context.getProcessEngineConfiguration() == null) {
                return null;
            }
            return Context.getProcessEngineConfiguration().getDeploymentCache()
                    .findDeployedProcessDefinitionById(processDefinitionId);
        }

        /** Named by its process's model: the same answer for every event of the variable, as it must be. */
        private static boolean keptElsewhere(VariableInstance variable) {
            if (!(variable instanceof VariableInstanceEntity entity)) {
                return false;
            }
            ProcessDefinitionEntity definition = deployed(entity.getProcessDefinitionId());
            return definition != null && definition.getProperty(WITHOUT_HISTORY) instanceof Set<?> names
                    && names.contains(entity.getName());
        }

        /** The engine asks "is the level full?" by equality. */
        @Override
        public boolean equals(Object other) {
            return other == this || level.equals(other);
        }

        @Override
        public int hashCode() {
            return level.hashCode();
        }
    }
}
