package org.ams.it.browser;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Finds forms laid out in the console's two-column grid ({@code .ams-form-grid}: labels on the left, fields on the
 * right; a read-only value's name is a {@code span.ams-term}) whose rows have slipped: a label in the field column,
 * or a field, hint or checkbox in the label column. That happens when a field and its hint are not wrapped in one
 * element, so each takes a cell of its own and every row below moves by one. An element as wide as the grid (a heading or note across both columns) is fine anywhere.
 */
public final class FormGrids {

    private static final String SCRIPT = """
            const problems = [];
            const shown = el => {
              const box = el.getBoundingClientRect();
              const style = getComputedStyle(el);
              return box.width > 1 && box.height > 1 && style.display !== 'none' && style.visibility !== 'hidden';
            };
            const where = el => {
              const owner = el.id ? el : el.closest('[id]');
              return (owner && owner.id ? '#' + owner.id : el.tagName.toLowerCase())
                  + (owner === el ? '' : ' ' + el.tagName.toLowerCase()
                     + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/)[0] : ''));
            };
            for (const grid of document.querySelectorAll('.ams-form-grid')) {
              if (!shown(grid)) continue;
              const area = grid.getBoundingClientRect();
              for (const cell of grid.children) {
                if (!shown(cell) || cell.tagName === 'SCRIPT') continue;
                const box = cell.getBoundingClientRect();
                if (box.width >= area.width - 2) continue;
                const left = box.left - area.left < 2;
                const label = cell.tagName === 'LABEL' || cell.classList.contains('ams-term');
                if (left && !label) problems.push(where(cell) + ' sits in the label column');
                if (!left && label) problems.push(where(cell) + ' (label "' + cell.textContent.trim().slice(0, 40)
                    + '") sits in the field column');
              }
            }
            return problems;
            """;

    private FormGrids() {
    }

    /** Each cell of a shown form grid that is in the wrong column, described by where it is. */
    @SuppressWarnings("unchecked")
    public static List<String> misplaced(Browser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(SCRIPT);
    }
}
