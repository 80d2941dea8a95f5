package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** Only the engine's log of a refused form is left out; every other exception is logged as before. */
class FormRefusalLogFilterTest {

    final LoggerContext context = new LoggerContext();
    final Logger engineContext = context.getLogger(FormRefusalLogFilter.ENGINE_CONTEXT_LOGGER);
    final FormRefusalLogFilter filter = new FormRefusalLogFilter();

    @Test
    void aRefusedFormIsNotLoggedByTheEngine() {
        FormInputException refusal = new FormInputException(Map.of("choice", "choose one of: approve, reject"));

        assertThat(decide(engineContext, null, refusal)).isEqualTo(FilterReply.DENY);
        assertThat(decide(engineContext, refusal, null)).isEqualTo(FilterReply.DENY);
        assertThat(decide(engineContext, null, new ProcessEngineException("ENGINE-03051 listener", refusal)))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void otherErrorsAndOtherLoggersAreLoggedAsBefore() {
        assertThat(decide(engineContext, null, new IllegalStateException("a real failure"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(engineContext, null, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(context.getLogger("org.citizendata.collaborative"), null, new FormInputException("refused")))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theFilterStaysWhenLogbackIsResetByAnotherApplicationStarting() {
        filter.installOn(context);
        context.reset();

        assertThat(context.getTurboFilterList()).containsExactly(filter);
    }

    private FilterReply decide(Logger logger, Throwable thrown, Throwable param) {
        return filter.decide(null, logger, ch.qos.logback.classic.Level.ERROR, "ENGINE-16004 Exception while closing command context: {}",
                param == null ? new Object[0] : new Object[] {param.getMessage(), param}, thrown);
    }
}
