package org.citizendata.collaborative.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.testsupport.EngineOnH2Test;
import org.citizendata.collaborative.platform.FormInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every vote the rules refuse is refused with a clear message and leaves no trace. */
@EngineOnH2Test
class RefusedVotesTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    Ballots ballots;
    @Autowired
    JdbcTemplate jdbc;

    BallotDriver driver;
    ProcessInstance decision;
    String ballotId;

    @BeforeEach
    void openBallot() {
        driver = new BallotDriver(engine, organisations);
        decision = driver.start("refusals " + System.nanoTime(), Map.of(SteeringCommitteeDecision.PROPOSING_ORGANISATION, "odw"));
        ballotId = driver.ballotId(decision);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aSecondVoteOfTheSameOrganisationIsRefused() {
        driver.vote(decision, "unsd", "approve");
        Traces before = traces();

        assertThatThrownBy(() -> ballots.castVote(ballotId, "unsd", "chen.unsd", "reject", null))
                .isInstanceOf(FormInputException.class)
                .hasMessage("unsd has already voted in this ballot: one vote per organisation.");

        assertThat(traces()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select choice from vote where ballot_id = ? and organisation_id = 'unsd'",
                String.class, ballotId)).isEqualTo("approve");
    }

    @Test
    void aVoteOfAnOrganisationOutsideTheSteeringCommitteeIsRefused() {
        Traces before = traces();
        assertThatThrownBy(() -> ballots.castVote(ballotId, "gss", "kofi.gss", "approve", null))
                .isInstanceOf(FormInputException.class)
                .hasMessage("gss is not a member of the Steering Committee for this ballot and cannot vote.");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void aVoteOfARecusedOrganisationIsRefused() {
        Traces before = traces();
        assertThatThrownBy(() -> ballots.castVote(ballotId, "odw", "sam.odw", "approve", null))
                .isInstanceOf(FormInputException.class)
                .hasMessage("odw is recused from this ballot and cannot vote.");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void aVoteAfterTheCloseIsRefusedEvenWhileItsTaskIsStillThere() {
        Task late = driver.taskOf(decision, "unitar");
        // The deadline has passed but the timer has not fired yet: the task is still open.
        ClockUtil.setCurrentTime(java.util.Date.from(Ballots.now().plus(Duration.ofDays(10).plusMinutes(1))));
        Traces before = traces();

        assertThatThrownBy(() -> driver.completeAs("marc.unitar", late, Map.of("choice", "approve")))
                .isInstanceOf(FormInputException.class).hasMessageStartingWith("The ballot closed at ");

        assertThat(traces()).isEqualTo(before);
        assertThat(driver.taskOf(decision, "unitar")).isNotNull();
    }

    @Test
    void aVoteForAnotherOrganisationIsRefused() {
        Traces before = traces();
        assertThatThrownBy(() -> ballots.castVote(ballotId, "unsd", "lucia.unwomen", "approve", null))
                .isInstanceOf(FormInputException.class)
                .hasMessage("lucia.unwomen does not represent unsd and cannot act for it in this ballot.");
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void aChoiceOutsideTheOptionsIsRefused() {
        Traces before = traces();
        assertThatThrownBy(() -> driver.completeAs("amina.unsd", driver.taskOf(decision, "unsd"), Map.of("choice", "maybe")))
                .isInstanceOf(FormInputException.class).hasMessageContaining("choice: choose one of: approve, reject, abstain");
        assertThat(traces()).isEqualTo(before);
    }

    private Traces traces() {
        return new Traces(
                jdbc.queryForObject("select count(*) from vote where ballot_id = ?", Integer.class, ballotId),
                jdbc.queryForObject("select count(*) from secret_choice where ballot_id = ?", Integer.class, ballotId),
                jdbc.queryForObject("select count(*) from ballot_event where ballot_id = ?", Integer.class, ballotId),
                driver.tasks(decision).size());
    }

    record Traces(int votes, int secretChoices, int events, int openTasks) {
    }
}
