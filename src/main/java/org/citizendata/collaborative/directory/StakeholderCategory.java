package org.citizendata.collaborative.directory;

/** The kinds of member the Terms of Reference name ("Members" section). */
public enum StakeholderCategory {
    CIVIL_SOCIETY_ORGANISATION,
    NATIONAL_STATISTICAL_OFFICE,
    LINE_MINISTRY,
    HUMAN_RIGHTS_INSTITUTION,
    RESEARCH_INSTITUTION,
    PUBLIC_INSTITUTION,
    PRIVATE_INSTITUTION,
    DEVELOPMENT_PARTNER,
    REGIONAL_OR_INTERNATIONAL_ORGANISATION
}
