package org.citizendata.collaborative.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Changing a rule is a redeploy of its DMN: it applies to ballots opened afterwards only. */
@EngineOnH2Test
class RuleVersionTest {

    static final String TWO_THIRDS = "rules/ballot-majority-two-thirds.dmn";

    @Autowired
    ProcessEngine engine;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    Ballots ballots;

    @Test
    void aTwoThirdsMajorityAppliesToNewBallotsAndNotToOpenOnes() {
        BallotDriver driver = new BallotDriver(engine, organisations);
        ProcessInstance openBefore = driver.start("simple majority", Map.of());

        Deployment twoThirds = engine.getRepositoryService().createDeployment().name("two-thirds majority")
                .addClasspathResource(TWO_THIRDS).deploy();
        try {
            ProcessInstance openedAfter = driver.start("two-thirds majority", Map.of());
            Map<String, String> sixToFour = Map.of("unsd", "approve", "unwomen", "approve", "icscentre", "approve",
                    "gpsdd", "approve", "dihr", "approve", "sgpwd", "approve", "paris21", "reject", "odw", "reject",
                    "worldbank", "reject", "unitar", "reject");
            driver.votes(openBefore, sixToFour);
            driver.votes(openedAfter, sixToFour);

            assertThat(driver.variable(openBefore, SteeringCommitteeDecision.OUTCOME)).isEqualTo("APPROVED");
            assertThat(driver.variable(openedAfter, SteeringCommitteeDecision.OUTCOME)).isEqualTo("REJECTED");
            Ballot after = ballots.find(driver.ballotId(openedAfter)).orElseThrow();
            assertThat(engine.getRepositoryService().getDecisionDefinition(after.majorityRuleId()).getDeploymentId())
                    .isEqualTo(twoThirds.getId());
        } finally {
            engine.getRepositoryService().deleteDeployment(twoThirds.getId(), true);
        }
    }
}
