package dev.swapbench.reports;

/** Escaping shared by the HTML and JUnit XML writers. */
final class Markup {
    private Markup() {
    }

    /**
     * Text and attribute escaping valid in both HTML and XML 1.0: the five special characters become entities,
     * a carriage return becomes {@code &#13;} (so attributes keep it), and characters XML cannot carry are dropped.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\r' -> b.append("&#13;");
                case '\n', '\t' -> b.append(c);
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
