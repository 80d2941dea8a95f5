package org.citizendata.collaborative.directory;

import static org.citizendata.collaborative.directory.StakeholderCategory.*;

import java.util.List;
import org.citizendata.collaborative.directory.Directory.Person;
import org.citizendata.collaborative.platform.StartupOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo directory: the ten Steering Committee organisations of the Terms of Reference, their
 * representatives, the Secretariat and a dozen members. Every login is listed in the README.
 */
@Component
@Profile("demo")
public class DemoDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDirectory.class);

    /** An organisation with its representatives (user id, first name, last name). */
    record DemoOrganisation(Organisation organisation, List<String[]> representatives) {
    }

    static final List<DemoOrganisation> ORGANISATIONS = List.of(
            sc("unsd", "UNSD", "United Nations Statistics Division", REGIONAL_OR_INTERNATIONAL_ORGANISATION,
                    "International", "https://unstats.un.org", rep("amina.unsd", "Amina", "Diallo"),
                    rep("chen.unsd", "Chen", "Wei")),
            sc("unwomen", "UN Women", "UN Women", REGIONAL_OR_INTERNATIONAL_ORGANISATION, "International",
                    "https://www.unwomen.org", rep("lucia.unwomen", "Lucía", "Fernández"),
                    rep("priya.unwomen", "Priya", "Raman")),
            sc("icscentre", "ICS Centre", "International Civil Society Centre", CIVIL_SOCIETY_ORGANISATION,
                    "Germany", "https://icscentre.org", rep("jonas.icscentre", "Jonas", "Becker")),
            sc("gpsdd", "GPSDD", "Global Partnership for Sustainable Development Data", CIVIL_SOCIETY_ORGANISATION,
                    "International", "https://www.data4sdgs.org", rep("grace.gpsdd", "Grace", "Mwangi")),
            sc("dihr", "DIHR", "Danish Institute for Human Rights", HUMAN_RIGHTS_INSTITUTION, "Denmark",
                    "https://www.humanrights.dk", rep("mette.dihr", "Mette", "Sørensen"),
                    rep("anders.dihr", "Anders", "Holm")),
            sc("sgpwd", "SGPwD", "Stakeholder Group of Persons with Disabilities for Sustainable Development",
                    CIVIL_SOCIETY_ORGANISATION, "International", "https://www.sgpwd.org",
                    rep("tomas.sgpwd", "Tomás", "Reyes")),
            sc("paris21", "PARIS21", "Partnership in Statistics for Development in the 21st Century",
                    REGIONAL_OR_INTERNATIONAL_ORGANISATION, "France", "https://www.paris21.org",
                    rep("claire.paris21", "Claire", "Dubois")),
            sc("odw", "ODW", "Open Data Watch", CIVIL_SOCIETY_ORGANISATION, "United States",
                    "https://opendatawatch.com", rep("sam.odw", "Sam", "Okafor")),
            sc("worldbank", "World Bank DDG", "World Bank Development Data Group", DEVELOPMENT_PARTNER,
                    "International", "https://www.worldbank.org", rep("ravi.worldbank", "Ravi", "Kapoor"),
                    rep("elena.worldbank", "Elena", "Petrova")),
            sc("unitar", "UNITAR", "United Nations Institute for Training and Research",
                    REGIONAL_OR_INTERNATIONAL_ORGANISATION, "Switzerland", "https://unitar.org",
                    rep("marc.unitar", "Marc", "Keller")),
            member("gss", "GSS", "Ghana Statistical Service", NATIONAL_STATISTICAL_OFFICE, "Ghana",
                    "https://statsghana.gov.gh", rep("kofi.gss", "Kofi", "Mensah"), rep("ama.gss", "Ama", "Owusu")),
            member("inegi", "INEGI", "National Institute of Statistics and Geography", NATIONAL_STATISTICAL_OFFICE,
                    "Mexico", "https://www.inegi.org.mx", rep("diego.inegi", "Diego", "Hernández")),
            member("psa", "PSA", "Philippine Statistics Authority", NATIONAL_STATISTICAL_OFFICE, "Philippines",
                    "https://psa.gov.ph", rep("maria.psa", "Maria", "Santos")),
            member("mglsd", "MGLSD", "Ministry of Gender, Labour and Social Development", LINE_MINISTRY, "Uganda",
                    "https://mglsd.go.ug", rep("sarah.mglsd", "Sarah", "Nakato")),
            member("chr", "CHR", "Commission on Human Rights of the Philippines", HUMAN_RIGHTS_INSTITUTION,
                    "Philippines", "https://chr.gov.ph", rep("jose.chr", "José", "Ramos")),
            member("cdl", "CDL", "Citizen Data Lab, University of Cape Town", RESEARCH_INSTITUTION, "South Africa",
                    "https://www.uct.ac.za", rep("thandi.cdl", "Thandi", "Nkosi")),
            member("sdi", "SDI", "Slum Dwellers International", CIVIL_SOCIETY_ORGANISATION, "South Africa",
                    "https://sdinet.org", rep("joseph.sdi", "Joseph", "Muturi"), rep("fatima.sdi", "Fatima", "Bello")),
            member("nddn", "NDDN", "Nepal Disability Data Network", CIVIL_SOCIETY_ORGANISATION, "Nepal",
                    "https://nddn.example.org", rep("bikash.nddn", "Bikash", "Thapa")),
            member("sdp", "SDP Bogotá", "Planning Department of Bogotá", PUBLIC_INSTITUTION, "Colombia",
                    "https://www.sdp.gov.co", rep("camila.sdp", "Camila", "Rojas")),
            member("geoinsight", "GeoInsight", "GeoInsight Analytics Ltd", PRIVATE_INSTITUTION, "India",
                    "https://geoinsight.example.com", rep("arjun.geoinsight", "Arjun", "Mehta")),
            member("sida", "Sida", "Swedish International Development Cooperation Agency", DEVELOPMENT_PARTNER,
                    "Sweden", "https://www.sida.se", rep("erik.sida", "Erik", "Lindqvist")),
            member("uneca", "UNECA", "United Nations Economic Commission for Africa",
                    REGIONAL_OR_INTERNATIONAL_ORGANISATION, "Ethiopia", "https://www.uneca.org",
                    rep("hana.uneca", "Hana", "Tesfaye")));

    static final List<String[]> SECRETARIAT = List.of(
            rep("sofia.secretariat", "Sofia", "Almeida"),
            rep("james.secretariat", "James", "Osei"));

    /** ToR: UNSD and UN Women are the initial co-leads. */
    static final List<String> CO_LEADS = List.of("unsd", "unwomen");

    private final Directory directory;
    private final OrganisationDetailsReview detailsReview;
    private final String password;

    DemoDirectory(Directory directory, OrganisationDetailsReview detailsReview,
            @Value("${collaborative.demo.password}") String password) {
        this.directory = directory;
        this.detailsReview = detailsReview;
        this.password = password;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.DEMO_DATA)
    @Transactional
    public void loadDemoDirectory() {
        if (directory.findOrganisation("unsd").isPresent()) {
            return;
        }
        for (DemoOrganisation demo : ORGANISATIONS) {
            directory.addOrganisation(demo.organisation());
            for (String[] r : demo.representatives()) {
                directory.addRepresentative(demo.organisation().id(), person(r), password);
            }
        }
        for (String[] s : SECRETARIAT) {
            directory.addSecretariatStaff(person(s), password);
        }
        CO_LEADS.forEach(directory::addCoLead);
        // Every representative finds a first task waiting in Tasklist.
        ORGANISATIONS.forEach(demo -> detailsReview.request(demo.organisation().id()));
        LOG.info("Demo directory loaded: {} organisations; every demo user's password is '{}'",
                ORGANISATIONS.size(), password);
    }

    private static Person person(String[] r) {
        return new Person(r[0], r[1], r[2], r[0] + "@demo.citizendata.example");
    }

    private static String[] rep(String userId, String firstName, String lastName) {
        return new String[] {userId, firstName, lastName};
    }

    private static DemoOrganisation sc(String id, String shortName, String name, StakeholderCategory category,
            String country, String website, String[]... representatives) {
        return new DemoOrganisation(new Organisation(id, shortName, name, category, country, website, true),
                List.of(representatives));
    }

    private static DemoOrganisation member(String id, String shortName, String name, StakeholderCategory category,
            String country, String website, String[]... representatives) {
        return new DemoOrganisation(new Organisation(id, shortName, name, category, country, website, false),
                List.of(representatives));
    }
}
