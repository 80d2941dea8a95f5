package org.citizendata.collaborative.dashboard;

import java.util.List;

/** One table of the dashboard: what the page shows and the CSV export writes, cell for cell. */
record DashboardTable(String name, String title, List<String> columns, List<Row> rows, String note) {

    /** The page shows this many rows of a table; the CSV export has them all. */
    static final int PAGE_ROWS = 100;

    public List<Row> pageRows() {
        return rows.size() <= PAGE_ROWS ? rows : rows.subList(0, PAGE_ROWS);
    }

    public boolean cut() {
        return rows.size() > PAGE_ROWS;
    }

    /** A row, with the link to its task in Tasklist or its instance in Cockpit (or none). */
    record Row(List<String> cells, String link, String linkLabel) {

        static Row of(String link, String linkLabel, Object... cells) {
            return new Row(java.util.Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toList(), link, linkLabel);
        }
    }
}
