package org.citizendata.collaborative.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
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
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && !context.getTurboFilterList().contains(this)) {
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().equals(ENGINE_CONTEXT_LOGGER)) {
            return FilterReply.NEUTRAL;
        }
        if (isRefusal(t)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param instanceof Throwable thrown && isRefusal(thrown)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isRefusal(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FormInputException) {
                return true;
            }
        }
        return false;
    }
}
