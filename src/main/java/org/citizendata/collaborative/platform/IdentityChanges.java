package org.citizendata.collaborative.platform;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockUserCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells {@link BasicCredentials} when this node changes who is who: a membership added or
 * removed (a lead joins a new workstream's group, the co-leads change), a user saved (a new
 * password) or deleted, a tenant membership. The remembered credentials are then checked again at
 * once, and again after the change commits, so a request cannot remember the old groups in
 * between. Changes made on another node reach this one when its entries expire.
 */
@Component
public class IdentityChanges extends AbstractProcessEnginePlugin {

    static final Set<Class<?>> CHANGES = Set.of(CreateMembershipCmd.class, DeleteMembershipCmd.class, SaveUserCmd.class,
            DeleteUserCmd.class, UnlockUserCmd.class, DeleteGroupCmd.class, CreateTenantUserMembershipCmd.class,
            DeleteTenantUserMembershipCmd.class, CreateTenantGroupMembershipCmd.class, DeleteTenantGroupMembershipCmd.class,
            DeleteTenantCmd.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPostCommandInterceptorsTxRequired(EngineConfigurations.plus(
                configuration.getCustomPostCommandInterceptorsTxRequired(), new Notify()));
    }

    static class Notify extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            T result = next.execute(command);
            if (CHANGES.contains(command.getClass())) {
                BasicCredentials.identityChanged();
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            BasicCredentials.identityChanged();
                        }
                    });
                }
            }
            return result;
        }
    }
}
