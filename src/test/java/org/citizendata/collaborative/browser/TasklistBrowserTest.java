package org.citizendata.collaborative.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A demo member logs in to Tasklist in headless Chromium and confirms their organisation's
 * details through the Camunda Form. Runs on the embedded default (H2, demo data), as a newcomer
 * would start it. Needs Debian's chromium and chromium-driver: {@code mvn verify -Pbrowser}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:browser;DB_CLOSE_DELAY=-1")
class TasklistBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    OrganisationRepository organisations;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TaskService taskService;

    @Autowired
    FormService formService;

    @Autowired
    IdentityService identityService;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1100", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser(org.junit.jupiter.api.TestInfo test) throws IOException {
        if (browser != null) {
            // What the browser showed last, for a failing run.
            screenshot("last-page-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
            browser.quit();
        }
    }

    @Test
    void aMemberCompletesATaskThroughItsForm() throws IOException {
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("kofi.gss", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='My organisation']")))
                .click();

        WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'task')]//*[contains(text(),'Confirm organisation details')]")));
        screenshot("tasklist-task-list");
        task.click();
        // Tasklist opens a group task read-only until someone of the group claims it.
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='Claim']"))).click();

        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[contains(normalize-space(.),'Organisation name')]/following::input[1]")));
        wait.until(driver -> !name.getAttribute("value").isEmpty());
        assertThat(name.getAttribute("value")).isEqualTo("Ghana Statistical Service");
        name.clear();
        name.sendKeys("Ghana Statistical Service (GSS)");
        screenshot("tasklist-form-filled");

        complete();

        wait.until(driver -> organisations.findById("gss").orElseThrow().name()
                .equals("Ghana Statistical Service (GSS)"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath("//label[contains(normalize-space(.),'Organisation name')]")));
        screenshot("tasklist-task-completed");
        assertThat(organisations.findById("gss").orElseThrow().category().name())
                .isEqualTo("NATIONAL_STATISTICAL_OFFICE");
    }

    @Test
    void aSteeringCommitteeRepresentativeCastsTheOrganisationsVote() throws IOException {
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("jonas.icscentre", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[normalize-space(text())='Steering Committee votes']"))).click();

        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'task')]//*[contains(text(),'Cast vote')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='Claim']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[contains(text(),'annual workplan 2027')]")));
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//label[normalize-space(.)='Approve']"))).click();
        browser.findElement(By.xpath("//label[contains(normalize-space(.),'Reason')]/following::textarea[1]"))
                .sendKeys("Fills a gap the Copenhagen Framework names");
        screenshot("tasklist-vote-filled");

        complete();

        String icsVote = " from vote where organisation_id = 'icscentre'"
                + " and ballot_id = (select id from ballot where subject_key = 'workplan-2027')";
        wait.until(driver -> jdbc.queryForObject("select count(*)" + icsVote, Integer.class) == 1);
        assertThat(jdbc.queryForObject("select choice" + icsVote, String.class)).isEqualTo("approve");
        assertThat(jdbc.queryForObject("select cast_by" + icsVote, String.class)).isEqualTo("jonas.icscentre");
        screenshot("tasklist-vote-cast");
    }

    @Test
    void theLinkInATaskMailOpensTheTaskInTasklist() throws IOException {
        // The embedded default keeps mail in the outbox: take the link from diego.inegi's mail.
        String text = jdbc.queryForObject("select text_body from mail_outbox where recipient_user_id = 'diego.inegi'"
                + " and kind = 'TASK_CREATED' and status = 'KEPT' and subject = 'New task: Confirm organisation details'",
                String.class);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("http://localhost:8080(/camunda/app/tasklist/\\S+)")
                .matcher(text);
        assertThat(link.find()).isTrue();

        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("diego.inegi", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='My organisation']")));
        browser.get("http://localhost:" + port + link.group(1));

        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//h2[contains(normalize-space(.),'Confirm organisation details')]"
                        + " | //*[contains(@class,'task-card')]//*[contains(text(),'Confirm organisation details')]")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[contains(normalize-space(.),'Organisation name')]")));
        screenshot("tasklist-opened-from-mail");
    }

    @Test
    void aMemberProposesAWorkstreamFromTheStartForm() throws IOException {
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("joseph.sdi", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(.)='Start process']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(),'Workstream proposal')]"))).click();

        String title = "Slum profiles as official statistics";
        // The number field first: form-js re-renders the form as it takes a number.
        type(field("Expected duration (months)"), "18");
        type(field("Title"), title);
        type(field("Proposed lead(s)"), "joseph.sdi, fatima.sdi");
        type(textarea("Objectives"), "Bring community-collected slum profiles into national statistics");
        type(textarea("Scope"), "Five cities in Kenya and South Africa");
        type(textarea("Terms of reference"), "The workstream compares methods, runs two pilots and reports quarterly.");
        type(textarea("Deliverables"), "Method note; pilot reports");
        assertThat(field("Proposed lead(s)").getAttribute("value")).isEqualTo("joseph.sdi, fatima.sdi");
        screenshot("tasklist-start-form-filled");
        WebElement start = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Start']")));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", start);
        start.click();

        wait.until(driver -> jdbc.queryForObject("select count(*) from workstream_proposal where title = ?", Integer.class,
                title) == 1);
        assertThat(jdbc.queryForObject("select proposer_organisation_id from workstream_proposal where title = ?",
                String.class, title)).isEqualTo("sdi");
        screenshot("tasklist-proposal-started");
    }

    @Test
    void aStrangerAppliesOnThePublicPageAndTheSecretariatAdmitsThemInTasklist() throws IOException {
        browser.get("http://localhost:" + port + "/apply");
        String organisation = "Observatorio Ciudadano de Datos";
        browser.findElement(By.id("organisationName")).sendKeys(organisation);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("category")))
                .selectByValue("CIVIL_SOCIETY_ORGANISATION");
        browser.findElement(By.id("country")).sendKeys("Perú");
        browser.findElement(By.id("website")).sendKeys("https://observatorio-ciudadano.example.pe");
        browser.findElement(By.id("contactName")).sendKeys("Rosa Quispe");
        browser.findElement(By.id("contactEmail")).sendKeys("rosa@observatorio-ciudadano.example.pe");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("engagement"))).selectByValue("PRODUCES");
        browser.findElement(By.id("motivation")).sendKeys("We monitor public services with Andean communities.");
        browser.findElement(By.id("contribution")).sendKeys("A network of 40 community monitors and our survey tools.");
        browser.findElement(By.id("communities")).sendKeys("Quechua and Aymara communities of Puno");
        screenshot("apply-page-filled");
        WebElement send = browser.findElement(By.id("send"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", send);
        send.click();
        String reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reference"))).getText();
        screenshot("apply-received");

        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("sofia.secretariat", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='My organisation']")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'task')]//*[contains(text(),"
                + "'Screen the application: " + organisation + "')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='Claim']"))).click();
        WebElement application = textarea("The application");
        wait.until(driver -> application.getAttribute("value").contains("Quechua and Aymara"));
        assertThat(application.getAttribute("value")).contains("Rosa Quispe <rosa@observatorio-ciudadano.example.pe>");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//label[starts-with(normalize-space(.),'Admit')]"))).click();
        screenshot("tasklist-screening-filled");

        complete();

        wait.until(driver -> "ADMITTED".equals(jdbc.queryForObject(
                "select status from membership_application where reference = ?", String.class, reference)));
        wait.until(driver -> jdbc.queryForObject("select count(*) from mail_outbox where idempotency_key like ?",
                Integer.class, "welcome:%." + jdbc.queryForObject("select organisation_id from membership_application"
                        + " where reference = ?", String.class, reference) + ":%") == 1);
        screenshot("tasklist-screening-completed");
    }

    @Test
    void aSteeringCommitteeRepresentativeNominatesAndVotesInTheSecretBallot() throws IOException {
        String election = jdbc.queryForObject("select election_key from election where status = 'NOMINATING'", String.class);
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("grace.gpsdd", "demo");
        openOrganisationTask("Nominate a co-lead candidate");
        WebElement nominee = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//label[starts-with(normalize-space(.),'Your organisation nominates')]/following::*[contains(@class,'fjs-input-group')][1]")));
        nominee.click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='Open Data Watch']"))).click();
        screenshot("tasklist-nomination-filled");
        complete();
        wait.until(driver -> jdbc.queryForObject("select count(*) from election_nomination where election_key = ?"
                + " and nominated_by = 'gpsdd' and nominee = 'odw'", Integer.class, election) == 1);

        // The other organisations nominate (or not) and the nominees accept, as they would in Tasklist.
        completeAll(election, "Task_Nominate", Map.of("nominee", "none"));
        waitForTasks(election, "Task_AnswerNomination", 3);
        completeAll(election, "Task_AnswerNomination", Map.of("nominationAnswer", "accept"));
        waitForTasks(election, "Task_VoteCoLeads", 10);

        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        openOrganisationTask("Vote for co-leads");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//label[normalize-space(.)='Open Data Watch']"))).click();
        browser.findElement(By.xpath("//label[normalize-space(.)='Partnership in Statistics for Development in the 21st Century']"))
                .click();
        screenshot("tasklist-secret-ballot-filled");
        complete();

        String ballot = jdbc.queryForObject("select id from election_ballot where election_key = ?", String.class, election);
        wait.until(driver -> jdbc.queryForObject("select count(*) from election_turnout where ballot_id = ?"
                + " and organisation_id = 'gpsdd'", Integer.class, ballot) == 1);
        assertThat(jdbc.queryForList("select candidate from election_choice where ballot_id = ?", String.class, ballot))
                .containsExactlyInAnyOrder("odw", "paris21");
        screenshot("tasklist-secret-ballot-cast");
    }

    @Test
    void theSecretariatOpensTheDashboardFromTheWelcomePage() throws IOException {
        browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        logIn("sofia.secretariat", "demo");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='My organisation']")));
        browser.get("http://localhost:" + port + "/camunda/app/welcome/default/");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Collaborative dashboard"))).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("table-proposals")));
        WebElement proposals = browser.findElement(By.id("table-proposals"));
        assertThat(proposals.getText()).contains("Citizen data for SDG monitoring in West Africa").contains("CHECKING");
        WebElement drive = browser.findElement(By.id("table-drive"));
        assertThat(drive.getText()).contains("RESEARCH_INSTITUTION INFORMATION_REQUESTED 1")
                .contains("PRIVATE_INSTITUTION SCREENING 1");
        // The demo election is nominating, or voting once another test of this class has moved it on.
        assertThat(browser.findElement(By.id("table-coleads")).getText()).contains("United Nations Statistics Division")
                .containsPattern("E-\\d{4}-\\d{2}-\\d{2}: 2 seat\\(s\\)");
        for (String chart : List.of("funnel", "turnout", "drive")) {
            wait.until(driver -> !driver.findElements(By.cssSelector("#chart-" + chart + " canvas")).isEmpty());
        }
        screenshot("dashboard-secretariat");
    }

    private void openOrganisationTask(String name) {
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='My organisation']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//*[contains(@class,'task')]//*[contains(text(),'" + name + "')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='Claim']"))).click();
    }

    /** Completes the election's open tasks of that kind, each as a representative of its organisation. */
    private void completeAll(String election, String taskKey, Map<String, Object> variables) {
        for (Task task : taskService.createTaskQuery().processInstanceBusinessKey(election).taskDefinitionKey(taskKey).list()) {
            String organisation = taskService.getIdentityLinksForTask(task.getId()).stream()
                    .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId().substring(4);
            String userId = organisations.findRepresentatives(organisation).get(0);
            identityService.setAuthentication(userId, List.of("org-" + organisation, "members", "steering-committee"));
            try {
                formService.submitTaskForm(task.getId(), variables);
            } finally {
                identityService.clearAuthentication();
            }
        }
    }

    private void waitForTasks(String election, String taskKey, int count) {
        wait.until(driver -> taskService.createTaskQuery().processInstanceBusinessKey(election).taskDefinitionKey(taskKey)
                .count() == count);
    }

    /**
     * Types into a form field until the form holds the text: form-js re-renders shortly after each
     * change, and keys typed meanwhile into the next field can be lost.
     */
    private void type(WebElement input, String text) {
        for (int attempt = 0; attempt < 5 && !text.equals(input.getAttribute("value")); attempt++) {
            input.click();
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"),
                    Keys.DELETE);
            input.sendKeys(text);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(input.getAttribute("value")).isEqualTo(text);
    }

    private WebElement field(String label) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[starts-with(normalize-space(.),'" + label + "')]/following::input[1]")));
    }

    private WebElement textarea(String label) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[starts-with(normalize-space(.),'" + label + "')]/following::textarea[1]")));
    }

    /** Clicks the form's Complete button, scrolled clear of Tasklist's footer. */
    private void complete() {
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space(.)='Complete']")));
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'center'});", button);
        wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    private void logIn(String userId, String password) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
        user.sendKeys(userId);
        browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
