package org.citizendata.collaborative.directory;

/** The kinds of member the Terms of Reference name ("Members" section). */
public enum StakeholderCategory {
    CIVIL_SOCIETY_ORGANISATION("Civil society organisation"),
    NATIONAL_STATISTICAL_OFFICE("National statistical office"),
    LINE_MINISTRY("Line ministry"),
    HUMAN_RIGHTS_INSTITUTION("Human rights institution"),
    RESEARCH_INSTITUTION("Research institution"),
    PUBLIC_INSTITUTION("Public institution"),
    PRIVATE_INSTITUTION("Private institution"),
    DEVELOPMENT_PARTNER("Development partner"),
    REGIONAL_OR_INTERNATIONAL_ORGANISATION("Regional or international organisation");

    private final String label;

    StakeholderCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
