package org.citizendata.collaborative.decision;

/** The counts of a ballot: eligible organisations exclude the recused ones. */
public record Tally(int approve, int reject, int abstain, int eligible, int recused) {

    public int votesCast() {
        return approve + reject + abstain;
    }

    /** "7 approve, 1 reject, 1 abstain of 9 eligible (1 recused)". */
    String counts() {
        String line = approve + " approve, " + reject + " reject, " + abstain + " abstain of " + eligible + " eligible";
        return recused == 0 ? line : line + " (" + recused + " recused)";
    }
}
