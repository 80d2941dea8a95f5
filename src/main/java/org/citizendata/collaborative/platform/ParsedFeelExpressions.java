package org.citizendata.collaborative.platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;

/**
 * The DMN rules' FEEL expressions parsed once. Camunda's FEEL engine parses an expression at
 * each evaluation (camunda/feel-scala#1149): a ballot's tally evaluates eight of them, and their
 * parsing was a third of the tally's cost. The engine here keeps what it parsed, keyed by the
 * expression's text (the deployed rules' inputs and outputs: a bounded set); evaluating, and any
 * error, are the engine's own.
 */
@Component
public class ParsedFeelExpressions extends AbstractProcessEnginePlugin {

    /** More distinct expressions than the rules hold: the rest are parsed each time, as before. */
    static final int MOST_KEPT = 2_000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        // Created when the DMN engine is built, with what the engine's configuration gave it by then: the old
        // JUEL-based FEEL engine when asked for (dmnFeelEnableLegacyBehavior), else this one with the custom functions.
        dmn.setFeelEngineFactory(() -> dmn.isEnableFeelLegacyBehavior() ? new FeelEngineFactoryImpl().createInstance()
                : new KeepingFeelEngine(dmn.getFeelCustomFunctionProviders()));
        configuration.setDmnEngineConfiguration(dmn);
    }

    /** The Scala FEEL engine, with the simple expressions (input expressions, output entries) parsed once. */
    public static class KeepingFeelEngine extends ScalaFeelEngine {

        private final Map<String, ParsedExpression> parsed = new ConcurrentHashMap<>();
        private final AtomicLong parses = new AtomicLong();

        KeepingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders == null ? List.of() : functionProviders);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
            ParsedExpression expressionTree = parsed.get(expression);
            if (expressionTree == null) {
                parses.incrementAndGet();
                Either<Failure, ParsedExpression> parsing = feelEngine.parseExpression(expression);
                if (!(parsing instanceof Right<Failure, ParsedExpression> right)) {
                    return super.evaluateSimpleExpression(expression, variableContext); // the engine's own error
                }
                expressionTree = right.value();
                if (parsed.size() < MOST_KEPT) {
                    parsed.put(expression, expressionTree);
                }
            }
            Either<Failure, Object> result = feelEngine.eval(expressionTree, new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return new ContextVariableWrapper(variableContext);
                }
            });
            if (result instanceof Right<Failure, Object> value) {
                return (T) value.value();
            }
            throw LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
        }

        /** How many times an expression was parsed, for the tests. */
        public long parses() {
            return parses.get();
        }
    }
}
