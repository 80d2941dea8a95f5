package org.citizendata.collaborative.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV exports: what goes out comes back unchanged, and no cell runs as a spreadsheet formula. */
class CsvTest {

    static final List<String> AWKWARD = List.of(
            "plain",
            "with, commas, everywhere",
            "say \"no\", twice",
            "line one\nline two\r\nline three",
            "العربية، 中文，Русский, हिन्दी",
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "+1 555 0100",
            "-2 points",
            "@SUM(A1:A9)",
            "'=already quoted",
            "",
            "'");

    @Test
    void everyAwkwardTextRoundTrips() {
        StringBuilder csv = new StringBuilder(Csv.row("n", "text"));
        for (int i = 0; i < AWKWARD.size(); i++) {
            csv.append(Csv.row(String.valueOf(i), AWKWARD.get(i)));
        }

        List<List<String>> rows = Csv.parse(csv.toString());

        assertThat(rows).hasSize(AWKWARD.size() + 1);
        assertThat(rows.get(0)).containsExactly("n", "text");
        for (int i = 0; i < AWKWARD.size(); i++) {
            assertThat(rows.get(i + 1)).containsExactly(String.valueOf(i), AWKWARD.get(i));
        }
    }

    @Test
    void noCellStartsWithAFormulaCharacter() {
        for (String text : AWKWARD) {
            String cell = Csv.cell(text);
            String inside = cell.isEmpty() ? "" : cell.substring(1);
            assertThat(inside).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
        }
        assertThat(Csv.cell("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(Csv.cell(null)).isEmpty();
    }
}
