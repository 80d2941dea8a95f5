package org.citizendata.collaborative.platform;

import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A person completing a task never sees an optimistic-locking conflict: when the engine reports
 * one (two members of a parallel step finishing at the same instant), the whole completion is
 * rolled back and tried again in a new transaction. Models avoid most conflicts in the first
 * place (asynchronous continuation after each multi-instance element); this catches the rest.
 */
@Component
public class ConflictRetryPlugin extends AbstractProcessEnginePlugin {

    static final int ATTEMPTS = 5;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(EngineConfigurations.plus(
                configuration.getCustomPreCommandInterceptorsTxRequired(), new RetryOnConflict()));
    }

    /** Runs before the transaction interceptor, so each attempt has a transaction of its own. */
    public static class RetryOnConflict extends CommandInterceptor {

        private static final Logger LOG = LoggerFactory.getLogger(RetryOnConflict.class);
        private static final Set<Class<?>> RETRIED = Set.of(CompleteTaskCmd.class, SubmitTaskFormCmd.class);

        @Override
        public <T> T execute(Command<T> command) {
            // Inside a caller's transaction a retry would replay nothing: let the caller see it.
            if (!RETRIED.contains(command.getClass()) || TransactionSynchronizationManager.isActualTransactionActive()) {
                return next.execute(command);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return next.execute(command);
                } catch (OptimisticLockingException e) {
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                    LOG.info("Conflict completing a task (attempt {} of {}), trying again", attempt, ATTEMPTS);
                    sleepBeforeRetry(attempt);
                }
            }
        }

        private static void sleepBeforeRetry(int attempt) {
            try {
                Thread.sleep(20L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while retrying a task completion", e);
            }
        }
    }
}
