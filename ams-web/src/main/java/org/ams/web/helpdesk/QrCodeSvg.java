package org.ams.web.helpdesk;

import io.nayuki.qrcodegen.QrCode;
import org.ams.platform.Html;

/**
 * A QR code as an inline SVG element, drawn on the server so that the text it holds never leaves the page's own
 * response (no image URL, no resource request, no external service).
 */
final class QrCodeSvg {

    /** The quiet zone the QR specification asks for around the symbol, in modules. */
    private static final int BORDER = 4;

    private QrCodeSvg() {
    }

    static String of(String text, String title) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * BORDER;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ams-qr\" viewBox=\"0 0 " + size + " " + size
                + "\" role=\"img\" aria-label=\"" + Html.escape(title) + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path
                + "\" fill=\"#000\"/></svg>";
    }
}
