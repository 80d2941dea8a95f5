package org.citizendata.collaborative.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The task query's authorization check (our copy of the engine's Task.xml) reads the grants of a
 * user and of the user's groups. The engine indexes ACT_RU_AUTHORIZATION by group; this adds the
 * index by user, so that both halves of "user in (...) or group in (...)" are index reads. Created
 * once the engine has built (and so created) its tables; "if not exists" on PostgreSQL and H2.
 */
@Component
public class AuthorizationIndex extends AbstractProcessEnginePlugin {

    static final String INDEX = "cw_auth_user_id";

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine
                .getProcessEngineConfiguration();
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create index if not exists " + INDEX + " on " + configuration.getDatabaseTablePrefix()
                    + "act_ru_authorization (user_id_)");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the index " + INDEX + " on ACT_RU_AUTHORIZATION", e);
        }
    }
}
