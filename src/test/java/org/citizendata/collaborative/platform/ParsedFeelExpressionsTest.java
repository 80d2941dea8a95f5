package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.citizendata.collaborative.decision.DecisionRules;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules' FEEL expressions are parsed once, and evaluate as the engine's own FEEL engine does. */
@EngineOnH2Test
class ParsedFeelExpressionsTest {

    @Autowired
    ProcessEngine engine;

    @Test
    void aRuleEvaluatedAgainIsNotParsedAgainAndGivesTheSameAnswers() {
        ParsedFeelExpressions.KeepingFeelEngine feel = feelEngine();
        quorum(10, 6); // whatever ran before in this context, the quorum rule's expressions are parsed by now
        long parsesBefore = feel.parses();

        // More than half of the eligible organisations (domain.md), with its rounding, from the parsed trees.
        assertThat(quorum(10, 6)).containsEntry("quorumRequired", 6).containsEntry("quorumMet", true);
        assertThat(quorum(10, 5)).containsEntry("quorumRequired", 6).containsEntry("quorumMet", false);
        assertThat(quorum(9, 5)).containsEntry("quorumRequired", 5).containsEntry("quorumMet", true);
        assertThat(quorum(1, 0)).containsEntry("quorumRequired", 1).containsEntry("quorumMet", false);

        assertThat(feel.parses()).isEqualTo(parsesBefore);
    }

    @Test
    void expressionsAreParsedAtTheirFirstEvaluationOnly() {
        ParsedFeelExpressions.KeepingFeelEngine feel = feelEngine();
        Deployment deployment = engine.getRepositoryService().createDeployment().name("feel kept")
                .addClasspathResource("rules/feel-kept.dmn").deploy();
        try {
            long before = feel.parses();
            assertThat(third(10)).isEqualTo(3);
            long afterFirst = feel.parses();
            assertThat(afterFirst).as("parsed at the first evaluation").isGreaterThan(before);
            assertThat(third(11)).isEqualTo(3);
            assertThat(third(12)).isEqualTo(4);
            assertThat(feel.parses()).as("not parsed again").isEqualTo(afterFirst);
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }

    private Object third(int ballots) {
        return engine.getDecisionService().evaluateDecisionTableByKey("feel-kept", Map.of("ballotsOfTheFeelTest", ballots))
                .getSingleResult().getEntry("third");
    }

    @Test
    void anExpressionThatCannotBeParsedFailsAsItWouldWithoutTheKeeping() {
        Deployment deployment = engine.getRepositoryService().createDeployment().name("unparseable output")
                .addClasspathResource("rules/unparseable-output.dmn").deploy();
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> engine.getDecisionService().evaluateDecisionTableByKey("unparseable-output",
                        Map.of("votes", 4))).hasRootCauseInstanceOf(FeelException.class)
                        .rootCause().hasMessageContaining("failed to parse expression 'floor(votes / 2 +'");
            }
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
    }

    private Map<String, Object> quorum(int eligible, int votesCast) {
        DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey(DecisionRules.QUORUM)
                .variables(Map.of("eligible", eligible, "votesCast", votesCast)).evaluate();
        return result.getSingleResult().getEntryMap();
    }

    private ParsedFeelExpressions.KeepingFeelEngine feelEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getDmnEngineConfiguration().getFeelEngine())
                .isInstanceOf(ParsedFeelExpressions.KeepingFeelEngine.class);
        return (ParsedFeelExpressions.KeepingFeelEngine) configuration.getDmnEngineConfiguration().getFeelEngine();
    }
}
