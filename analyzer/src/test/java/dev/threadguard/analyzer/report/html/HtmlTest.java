package dev.threadguard.analyzer.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class HtmlTest {
    private static String write(java.util.function.Consumer<Html> c) {
        StringWriter s = new StringWriter();
        Html h = new Html(new PrintWriter(s));
        c.accept(h);
        h.finish();
        return s.toString().strip();
    }

    @Test
    void textAndAttributesAreEscapedByConstruction() {
        String name = "<script>document.title='x'</script> & \"q\"";
        assertEquals("<td title=\"&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt; &amp; &quot;q&quot;\">"
                + "&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt; &amp; &quot;q&quot;</td>",
                write(h -> h.el("td", name, "title", name)));
        assertEquals("<p>a b</p>", write(h -> h.el("p", "a\u0000b")));
    }

    @Test
    void scriptsHandlersAndOutsideLinksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> write(h -> h.open("script")));
        assertThrows(IllegalArgumentException.class, () -> write(h -> h.open("div", "onclick", "x()")));
        assertThrows(IllegalArgumentException.class, () -> write(h -> h.open("a", "href", "https://example.com")));
        assertThrows(IllegalArgumentException.class, () -> write(h -> h.open("div", "x y", "1")));
        assertThrows(IllegalArgumentException.class, () -> write(h -> h.style("</style><script>")));
        assertEquals("<a href=\"#pools\">p</a>", write(h -> h.el("a", "p", "href", "#pools")));
    }

    @Test
    void elementsCloseInOrder() {
        assertEquals("<div><svg><line x1=\"1\"/></svg></div>",
                write(h -> h.open("div").open("svg").empty("line", "x1", "1")));
        assertThrows(IllegalStateException.class, () -> write(h -> h.open("div").open("p").close("div")));
    }

    @Test
    void niceTicks() {
        assertEquals(1, SvgChart.step(3, 5, true));
        assertEquals(5, SvgChart.step(21, 5, true));
        assertEquals(0.5, SvgChart.step(2, 5, false));
        assertEquals(2, SvgChart.step(17.6, 10, false));
    }
}
