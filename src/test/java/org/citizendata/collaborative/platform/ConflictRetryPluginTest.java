package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;

/** The retry around task completion, against a stand-in for the rest of the engine's chain. */
class ConflictRetryPluginTest {

    @Test
    void aCompletionThatMeetsAConflictIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        CommandInterceptor retry = retryInFrontOf(failing(attempts, 2));

        Object result = retry.execute(new CompleteTaskCmd("task", Map.of()));

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aConflictThatLastsIsReportedAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        CommandInterceptor retry = retryInFrontOf(failing(attempts, Integer.MAX_VALUE));

        assertThatThrownBy(() -> retry.execute(new CompleteTaskCmd("task", Map.of())))
                .isInstanceOf(OptimisticLockingException.class);
        assertThat(attempts).hasValue(ConflictRetryPlugin.ATTEMPTS);
    }

    @Test
    void otherCommandsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        CommandInterceptor retry = retryInFrontOf(failing(attempts, 1));

        assertThatThrownBy(() -> retry.execute(new GetTaskFormVariablesCmd("task", null, false)))
                .isInstanceOf(OptimisticLockingException.class);
        assertThat(attempts).hasValue(1);
    }

    private static CommandInterceptor retryInFrontOf(CommandInterceptor rest) {
        CommandInterceptor retry = new ConflictRetryPlugin.RetryOnConflict();
        retry.setNext(rest);
        return retry;
    }

    /** Fails with a conflict the first {@code failures} times, then answers "done". */
    private static CommandInterceptor failing(AtomicInteger attempts, int failures) {
        return new CommandInterceptor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T execute(Command<T> command) {
                if (attempts.incrementAndGet() <= failures) {
                    throw new OptimisticLockingException("conflict");
                }
                return (T) "done";
            }
        };
    }
}
