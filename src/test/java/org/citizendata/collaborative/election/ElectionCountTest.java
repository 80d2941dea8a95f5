package org.citizendata.collaborative.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The count of a multi-seat ballot: most votes win; a tie for the last seat goes to a runoff. */
class ElectionCountTest {

    @Test
    void theMostVotedFillTheSeats() {
        ElectionCount count = ElectionCount.of(List.of("a", "b", "c"), 2, List.of("a", "b", "a", "c", "a", "b"));
        assertThat(count.elected()).containsExactly("a", "b");
        assertThat(count.needsRunoff()).isFalse();
        assertThat(count.votes()).containsEntry("a", 3L).containsEntry("b", 2L).containsEntry("c", 1L);
    }

    @Test
    void aTieForTheLastSeatGoesToARunoffForThatSeatOnly() {
        ElectionCount count = ElectionCount.of(List.of("a", "b", "c", "d"), 2, List.of("a", "a", "a", "b", "c", "b", "c"));
        assertThat(count.elected()).containsExactly("a");
        assertThat(count.runoffCandidates()).containsExactly("b", "c");
        assertThat(count.runoffSeats()).isEqualTo(1);
    }

    @Test
    void aTieForBothSeatsAmongThreeGoesToARunoffForBoth() {
        ElectionCount count = ElectionCount.of(List.of("a", "b", "c"), 2, List.of("a", "b", "c"));
        assertThat(count.elected()).isEmpty();
        assertThat(count.runoffCandidates()).containsExactly("a", "b", "c");
        assertThat(count.runoffSeats()).isEqualTo(2);
    }

    @Test
    void aTieThatFitsInTheSeatsElectsAllTiedAndCandidatesWithoutVotesCount() {
        assertThat(ElectionCount.of(List.of("a", "b", "c"), 2, List.of("a", "b")).elected()).containsExactly("a", "b");
        assertThat(ElectionCount.of(List.of("a", "b"), 2, List.of()).elected()).containsExactly("a", "b");
        assertThat(ElectionCount.of(List.of("a", "b", "c"), 1, List.of()).runoffCandidates()).containsExactly("a", "b", "c");
    }
}
