package org.ams.it.browser;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Finds what a page cuts off: a table cell whose content is wider than the cell, an element that hides or ellipsises
 * content wider (or taller) than its box, a box that needs a sideways scroll bar, and a page wider than the window.
 * Reports where and how much, never the text itself, which could be a secret.
 */
public final class ClippedContent {

    /**
     * One element that cuts off its content.
     *
     * @param selector where it is: the nearest ancestor with an id, the path down to it, and a cell's column title
     * @param how "clipped", "ellipsis", "scrolls" or "overflows" (a cell whose content spills over its neighbours)
     * @param textLength the length of its text content
     * @param contentWidth its content's width in CSS pixels
     * @param boxWidth the width it shows
     */
    public record Clip(String selector, String how, int textLength, int contentWidth, int boxWidth) {

        @Override
        public String toString() {
            return selector + " " + how + " (text of " + textLength + " characters, " + contentWidth + " px in "
                    + boxWidth + " px)";
        }
    }

    private static final String SCRIPT = """
            const skipped = new Set(['HTML', 'BODY', 'INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE']);
            const shown = el => {
              const box = el.getBoundingClientRect();
              if (box.width <= 1 || box.height <= 1) return false;
              if (el.closest('.ui-helper-hidden-accessible, [hidden]')) return false;
              const style = getComputedStyle(el);
              return style.visibility !== 'hidden' && style.display !== 'none';
            };
            const columnOf = cell => {
              const table = cell.closest('table');
              const header = table && table.tHead && table.tHead.rows.length
                  ? table.tHead.rows[table.tHead.rows.length - 1].cells[cell.cellIndex] : null;
              const title = header ? header.textContent.trim() : '';
              return title ? ' [column "' + title.substring(0, 40) + '"]' : '';
            };
            const generic = /^ui-(state|widget|datatable-(even|odd))/;
            const describe = el => {
              const parts = [];
              for (let e = el; e && e !== document.body && parts.length < 5; e = e.parentElement) {
                let part = e.tagName.toLowerCase();
                if (e.id) { parts.unshift(part + '#' + e.id); break; }
                const classes = [...e.classList].filter(c => !generic.test(c)).slice(0, 2);
                if (classes.length) part += '.' + classes.join('.');
                if (e.tagName === 'TD' || e.tagName === 'TH') part += ':nth-child(' + (e.cellIndex + 1) + ')';
                if (e.tagName === 'TR') part += ':nth-child(' + (e.sectionRowIndex + 1) + ')';
                parts.unshift(part);
              }
              const cell = el.closest('td, th');
              return parts.join(' > ') + (cell ? columnOf(cell) : '');
            };
            const found = [];
            for (const el of document.body.querySelectorAll('*')) {
              if (skipped.has(el.tagName) || el.closest('svg') || !shown(el)) continue;
              const style = getComputedStyle(el);
              const wide = el.scrollWidth > el.clientWidth + 1;
              const tall = el.scrollHeight > el.clientHeight + 1;
              const hides = v => v === 'hidden' || v === 'clip';
              const scrolls = v => v === 'auto' || v === 'scroll';
              let how = null;
              if (wide && style.textOverflow === 'ellipsis' && hides(style.overflowX)) how = 'ellipsis';
              else if ((wide && hides(style.overflowX)) || (tall && hides(style.overflowY))) how = 'clipped';
              else if (wide && scrolls(style.overflowX)) how = 'scrolls';
              else if (wide && (el.tagName === 'TD' || el.tagName === 'TH')) how = 'overflows';
              if (how) {
                found.push({selector: describe(el), how: how, textLength: el.textContent.trim().length,
                    contentWidth: el.scrollWidth, boxWidth: el.clientWidth});
              }
            }
            const page = document.documentElement;
            if (page.scrollWidth > window.innerWidth + 1) {
              found.push({selector: 'the page', how: 'scrolls', textLength: 0, contentWidth: page.scrollWidth,
                  boxWidth: window.innerWidth});
            }
            return found;
            """;

    private ClippedContent() {
    }

    @SuppressWarnings("unchecked")
    public static List<Clip> on(Browser browser) {
        List<Map<String, Object>> found = (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver())
                .executeScript(SCRIPT);
        return found.stream().map(clip -> new Clip((String) clip.get("selector"), (String) clip.get("how"),
                number(clip, "textLength"), number(clip, "contentWidth"), number(clip, "boxWidth"))).toList();
    }

    private static int number(Map<String, Object> clip, String key) {
        return ((Number) clip.get(key)).intValue();
    }
}
