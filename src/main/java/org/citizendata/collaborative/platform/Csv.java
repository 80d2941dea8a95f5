package org.citizendata.collaborative.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it, safe to open in a spreadsheet: a cell that begins with a character a
 * spreadsheet would run as a formula ({@code = + - @}, tab, carriage return) is prefixed with an
 * apostrophe, which {@link #parse} removes again, so text round-trips unchanged.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && (FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 || defused(text))) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    public static String row(String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        return line.append("\r\n").toString();
    }

    /** Reads CSV written by {@link #row}: quoted cells with doubled quotes and line breaks. */
    public static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(undefuse(cell.toString(), wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(undefuse(cell.toString(), wasQuoted));
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(undefuse(cell.toString(), wasQuoted));
            rows.add(row);
        }
        return rows;
    }

    /** A text that itself begins with an apostrophe before a formula character keeps it on the way back. */
    private static boolean defused(String text) {
        return text.length() > 1 && text.charAt(0) == '\'' && (FORMULA_STARTS.indexOf(text.charAt(1)) >= 0 || defused(text.substring(1)));
    }

    private static String undefuse(String cell, boolean quoted) {
        if (quoted && cell.length() > 1 && cell.charAt(0) == '\''
                && (FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0 || defused(cell.substring(1)))) {
            return cell.substring(1);
        }
        return cell;
    }
}
