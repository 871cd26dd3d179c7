package dev.threadguard.analyzer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.threadguard.analyzer.programs.ReportProgram;
import dev.threadguard.analyzer.support.ReportRecordings;
import dev.threadguard.analyzer.support.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The HTML report of real recordings in a real browser (Debian's chromium and chromium-driver, through
 * Selenium) at 1400 px: nothing wider than the window, every chart with axis labels, no script from a thread
 * name, names not cut by the page. Screenshots go to target/report-screenshots. Without chromium the test
 * is skipped on a developer's machine and fails in CI (CI=true, as .ci/run sets), where .ci/run installs it.
 */
class HtmlInBrowserIT {
    static final int WIDTH = 1400;
    static ChromeDriver browser;
    static Path out;

    @BeforeAll
    static void start() throws Exception {
        ReportRecordings.start();
        Path chromium = Path.of(System.getProperty("threadguard.chromium", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("threadguard.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            String why = "chromium and chromedriver are needed at " + chromium + " and " + driver
                    + " (apt-get install chromium chromium-driver; .ci/run does)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        out = Path.of("target", "report-screenshots").toAbsolutePath();
        Files.createDirectories(out);
        Path profile = Files.createTempDirectory("threadguard-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        browser = new ChromeDriver(service, o);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Writes the HTML report of {@code files}, loads it at 1400 px and saves a screenshot of the whole page. */
    private static void open(String name, List<Path> files) throws Exception {
        Path html = out.resolve(name + ".html");
        List<String> args = new ArrayList<>(List.of("report", "--format", "html", "--out", html.toString()));
        files.forEach(f -> args.add(f.toString()));
        Reports.Run r = Reports.cli(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        browser.manage().window().setSize(new Dimension(WIDTH, 1000));
        browser.get(html.toUri().toString());
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        browser.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + 20, 12_000)));
        Files.write(out.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(WIDTH, 1000));
    }

    private static void fitsAndLabelsEveryChart(String name) {
        long viewport = ((Number) js("return document.documentElement.clientWidth")).longValue();
        long document = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        assertTrue(viewport >= WIDTH - 20, name + ": viewport " + viewport);
        assertTrue(document <= viewport, name + ": the page is " + document + " px wide in a " + viewport + " px window");
        List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
        assertTrue(charts.size() >= 3, name + ": charts " + charts.size());
        for (WebElement c : charts) {
            String title = c.findElement(By.tagName("title")).getAttribute("textContent");
            assertEquals("time (s)", c.findElement(By.cssSelector("text.axis-label.x")).getAttribute("textContent"), title);
            assertFalse(c.findElement(By.cssSelector("text.axis-label.y")).getAttribute("textContent").isBlank(), title);
            assertTrue(c.findElements(By.cssSelector("text.tick")).size() >= 4, title + ": ticks on both axes");
            assertTrue(c.findElements(By.cssSelector("text.legend")).size() >= 1, title + ": a legend");
            assertTrue(c.getRect().getWidth() > 200, title + " drawn " + c.getRect().getWidth() + " px wide");
        }
        // every name in the pools table is shown whole (its shortest unique form), not cut by the page
        Object cut = js("var n=[];document.querySelectorAll('table.pools td').forEach(function(td){"
                + "if(td.scrollWidth>td.clientWidth+1)n.push(td.textContent+' ('+td.scrollWidth+'>'+td.clientWidth+')');});"
                + "return n.join(', ');");
        assertEquals("", cut, name + ": table cells cut by the page");
    }

    private static List<String> poolRows() {
        List<String> rows = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector("table.pools tbody tr"))) {
            List<WebElement> td = tr.findElements(By.tagName("td"));
            rows.add(td.get(0).getText() + "|" + td.get(1).getText() + "|" + td.get(2).getText() + "|" + td.get(3).getText());
        }
        return rows;
    }

    @Test
    void oneProcess() throws Exception {
        open("report-program", List.of(ReportRecordings.program()));
        fitsAndLabelsEveryChart("report-program");
        assertTrue(browser.getTitle().startsWith("threadguard: 3 findings"), browser.getTitle());
        assertEquals(0L, ((Number) js("return document.scripts.length")).longValue(), "no script element");
        String text = browser.findElement(By.tagName("body")).getText();
        assertTrue(text.contains(ReportProgram.SCRIPT_NAME), "the thread name shows as text");
        List<WebElement> findings = browser.findElements(By.cssSelector("article.finding"));
        assertEquals(3, findings.size());
        assertTrue(findings.get(0).getRect().getY() < browser.findElement(By.id("pools")).getRect().getY(),
                "findings first");
        for (WebElement f : findings) {
            assertFalse(f.findElement(By.cssSelector("p.fix")).getText().isBlank());
            assertFalse(f.findElements(By.cssSelector("table.evidence td.num")).isEmpty());
        }
        List<String> rows = poolRows();
        assertEquals(rows.size(), new HashSet<>(rows).size(), "rows that read the same: " + rows);
        assertTrue(text.contains("unbounded") && !text.contains("2147483647"));
        assertFalse(browser.findElement(By.cssSelector("details ul.unused")).isDisplayed(), "unused pools folded");
        assertTrue(text.contains("2 unused pools"), text);
    }

    @Test
    void twoProcessesHaveAProcessColumn() throws Exception {
        open("report-two-processes", ReportRecordings.twoProcesses());
        fitsAndLabelsEveryChart("report-two-processes");
        assertEquals("process", browser.findElement(By.cssSelector("table.pools thead th")).getText());
        List<String> rows = poolRows();
        assertEquals(rows.size(), new HashSet<>(rows).size(), "rows that read the same: " + rows);
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("report-proc-a")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("report-proc-b")), rows.toString());
    }
}
