package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    @DisplayName("Each of the five markup characters becomes its entity")
    void escapesTheFiveCharacters() {
        assertEquals("&amp;", Html.escape("&"));
        assertEquals("&lt;", Html.escape("<"));
        assertEquals("&gt;", Html.escape(">"));
        assertEquals("&quot;", Html.escape("\""));
        assertEquals("&#39;", Html.escape("'"));
    }

    @Test
    @DisplayName("Markup in a value stays text, and an entity in it is not decoded on the way")
    void markupStaysText() {
        assertEquals("&lt;img src=x onerror=&quot;alert(&#39;PC&#39;)&quot;&gt; R&amp;D &amp;amp;",
                Html.escape("<img src=x onerror=\"alert('PC')\"> R&D &amp;"));
    }

    @Test
    @DisplayName("Everything else is kept as it is, non-ASCII included")
    void keepsOtherText() {
        assertEquals("Zürich PC-1 / 100% {{user}}", Html.escape("Zürich PC-1 / 100% {{user}}"));
    }

    @Test
    @DisplayName("An absent value is written as nothing")
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }
}
