package org.citizendata.collaborative.platform;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Component;

/**
 * Full history, except for secrets. Camunda records every variable a task form submits, with
 * its task and the person who completed it; a secret ballot's choice must never be recorded so.
 * Variables whose names start with {@value #SECRET_PREFIX}, and those a process instance names in
 * its variable {@value #SECRET_VARIABLES} (comma separated), leave no history; neither do the
 * engine's form-property records (copies of submitted values that nothing here reads).
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

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryLevel(new WithoutSecrets(configuration.getHistoryLevel()));
    }

    /** The configured level, less the records that could carry a secret. */
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
            if (VARIABLE_EVENTS.contains(eventType) && entity instanceof VariableInstance variable && secret(variable)) {
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
