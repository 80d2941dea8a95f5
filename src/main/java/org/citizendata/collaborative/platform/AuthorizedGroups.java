package org.citizendata.collaborative.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Before its first authorization check in a command, Camunda's {@link AuthorizationManager} narrows
 * the user's groups to those that hold some authorization, by reading the group of every row of
 * ACT_RU_AUTHORIZATION ({@code SELECT DISTINCT GROUP_ID_}, no condition). The engine writes a grant
 * for every open task's candidate group, so at 10,000 open tasks that read came before every task
 * list (BENCHMARKS.md). The narrowing only shortens the {@code GROUP_ID_ IN (...)} lists of the
 * checks, where a group without authorizations matches nothing anyway; the Collaborative's users
 * are in a handful of groups. The manager installed here keeps the user's groups as they are.
 */
@Component
public class AuthorizedGroups extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        SessionFactory managers = new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new WithoutGroupScan();
            }
        };
        configuration.setCustomSessionFactories(EngineConfigurations.plus(configuration.getCustomSessionFactories(), managers));
    }

    /** The engine's manager without the read of every authorized group. */
    static class WithoutGroupScan extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
                return Collections.emptyList();
            }
            return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
        }
    }
}
