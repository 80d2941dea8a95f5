package org.citizendata.collaborative.decision;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The quorum and majority rules of {@code processes/decision/ballot-rules.dmn}. A ballot keeps
 * the rule versions that were current when it opened, so a new rule applies to new ballots only.
 */
@Component
public class DecisionRules {

    public static final String QUORUM = "ballot-quorum";
    public static final String MAJORITY = "ballot-majority";

    private final RepositoryService repositoryService;
    private final DecisionService decisionService;

    DecisionRules(RepositoryService repositoryService, DecisionService decisionService) {
        this.repositoryService = repositoryService;
        this.decisionService = decisionService;
    }

    /** The id of the rule's latest version, to be pinned on a new ballot. */
    String currentVersionOf(String key) {
        DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The decision rule " + key + " is not deployed");
        }
        return definition.getId();
    }

    Quorum quorum(String ruleId, Tally tally) {
        return quorum(ruleId, tally.eligible(), tally.votesCast());
    }

    /** The quorum of another kind of Steering Committee ballot (an election), by the current rule. */
    public Quorum currentQuorum(int eligible, int votesCast) {
        return quorum(currentVersionOf(QUORUM), eligible, votesCast);
    }

    private Quorum quorum(String ruleId, int eligible, int votesCast) {
        DmnDecisionResult result = decisionService.evaluateDecisionById(ruleId)
                .variables(Map.of("eligible", eligible, "votesCast", votesCast)).evaluate();
        return new Quorum(((Number) result.getSingleResult().getEntry("quorumRequired")).intValue(),
                result.getSingleResult().<Boolean>getEntry("quorumMet"));
    }

    boolean approved(String ruleId, Tally tally) {
        DmnDecisionResult result = decisionService.evaluateDecisionById(ruleId)
                .variables(Map.of("approve", tally.approve(), "reject", tally.reject(), "abstain", tally.abstain()))
                .evaluate();
        return result.getSingleResult().<Boolean>getEntry("approved");
    }

    /** "ballot-quorum v1, ballot-majority v2": the versions a result was reached with. */
    String describe(String... ruleIds) {
        StringBuilder out = new StringBuilder();
        for (String id : ruleIds) {
            DecisionDefinition definition = repositoryService.getDecisionDefinition(id);
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(definition.getKey()).append(" v").append(definition.getVersion()).append(" (").append(id).append(')');
        }
        return out.toString();
    }

    public record Quorum(int required, boolean met) {
    }
}
