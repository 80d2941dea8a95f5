package org.citizendata.collaborative.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.citizendata.collaborative.platform.FormInputException;
import org.junit.jupiter.api.Test;

/** The server's own check of the organisation form; the browser's check can be bypassed. */
class OrganisationDetailsTest {

    @Test
    void validDetailsAreTrimmed() {
        OrganisationDetails details = new OrganisationDetails("  Ghana Statistical Service ",
                "NATIONAL_STATISTICAL_OFFICE", " Ghana", " https://statsghana.gov.gh ").validated();
        assertThat(details).isEqualTo(new OrganisationDetails("Ghana Statistical Service",
                "NATIONAL_STATISTICAL_OFFICE", "Ghana", "https://statsghana.gov.gh"));
    }

    @Test
    void anEmptyWebsiteIsAllowed() {
        assertThat(new OrganisationDetails("GSS", "NATIONAL_STATISTICAL_OFFICE", "Ghana", " ").validated().website())
                .isNull();
    }

    @Test
    void everyBadFieldGetsItsOwnMessage() {
        OrganisationDetails bad = new OrganisationDetails(" ", "PARTY", "", "javascript:alert(1)");
        assertThatThrownBy(bad::validated)
                .isInstanceOfSatisfying(FormInputException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("orgName", "orgCategory", "orgCountry", "orgWebsite"));
    }

    @Test
    void overlongValuesAreRefused() {
        OrganisationDetails bad = new OrganisationDetails("x".repeat(256), "LINE_MINISTRY", "y".repeat(101),
                "https://" + "z".repeat(250));
        assertThatThrownBy(bad::validated)
                .isInstanceOfSatisfying(FormInputException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("orgName", "orgCountry", "orgWebsite"));
    }
}
