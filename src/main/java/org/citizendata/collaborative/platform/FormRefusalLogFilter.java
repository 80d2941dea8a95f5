package org.citizendata.collaborative.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A form the server refuses is the user's to correct, not the operator's to read: the engine logs
 * every exception that ends a command as an error with its whole stack trace (ENGINE-16004), so a
 * mistyped date in Tasklist wrote some 230 lines at ERROR. Those about a {@link FormInputException}
 * are left out; the user gets the message, nothing was written. Any other error is logged as before.
 */
@Component
public class FormRefusalLogFilter extends TurboFilter {

    /** The engine's logger for exceptions that end a command. */
    static final String ENGINE_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";

    @EventListener(ApplicationStartedEvent.class)
    void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            installOn(context);
        }
    }

    void installOn(LoggerContext context) {
        if (!context.getTurboFilterList().contains(this)) {
            start();
            context.addTurboFilter(this);
            context.addListener(new AfterReset());
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().equals(ENGINE_CONTEXT_LOGGER)) {
            return FilterReply.NEUTRAL;
        }
        if (FormInputException.causing(t) != null) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param instanceof Throwable thrown && FormInputException.causing(thrown) != null) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** Logback forgets turbo filters when it is reset (another application started in the JVM): added again. */
    private final class AfterReset implements LoggerContextListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            if (!context.getTurboFilterList().contains(FormRefusalLogFilter.this)) {
                context.addTurboFilter(FormRefusalLogFilter.this);
            }
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    }
}
