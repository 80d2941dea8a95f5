package org.citizendata.collaborative.dashboard;

import java.util.List;

/** One table of the dashboard: what the page shows and the CSV export writes, cell for cell. */
record DashboardTable(String name, String title, List<String> columns, List<Row> rows, String note) {

    /** A row, with the link to its task in Tasklist or its instance in Cockpit (or none). */
    record Row(List<String> cells, String link, String linkLabel) {

        static Row of(String link, String linkLabel, Object... cells) {
            return new Row(java.util.Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toList(), link, linkLabel);
        }
    }
}
