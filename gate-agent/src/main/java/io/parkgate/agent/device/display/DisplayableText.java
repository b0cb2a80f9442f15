package io.parkgate.agent.device.display;

import io.parkgate.protocol.display.DisplayFrame;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A text made fit for the module before it is framed (docs/protocols.md §5). NFC first, so a letter and its
 * combining accent become the one character GBK has. A control character (a newline in a resident's name, an
 * escape in a note) becomes a space: modules act on control bytes, and a run of them is one space. An invisible
 * format character is dropped. A character GBK lacks (a rare hanzi, an emoji) becomes '?'. What was replaced, and
 * a text too long for its frame, is logged, so a name shown wrong can be traced.
 */
final class DisplayableText {

    private static final Logger LOG = LoggerFactory.getLogger(DisplayableText.class);

    private DisplayableText() {
    }

    /** The text as the module gets it; {@code what} names it in the log ("line 2", "voice"). */
    static String fit(String text, int maxBytes, String what) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        CharsetEncoder gbk = DisplayFrame.GBK.newEncoder();
        StringBuilder out = new StringBuilder(nfc.length());
        List<String> replaced = new ArrayList<>();
        boolean afterControl = false;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                replaced.add(String.format("U+%04X", cp));
                if (!afterControl) {
                    out.append(' ');
                }
                afterControl = true;
                continue;
            }
            afterControl = false;
            if (type == Character.FORMAT) {
                replaced.add(String.format("U+%04X", cp));
            } else if (!gbk.canEncode(new String(Character.toChars(cp)))) {
                replaced.add(String.format("U+%04X", cp));
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        }
        String fit = out.toString();
        if (!replaced.isEmpty()) {
            LOG.warn("display {}: {} not shown as sent (control characters as a space, format characters dropped, "
                    + "characters GBK lacks as '?'): '{}'", what, replaced, fit);
        }
        int bytes = fit.getBytes(DisplayFrame.GBK).length;
        if (bytes > maxBytes) {
            LOG.warn("display {}: {} bytes in GBK, cut to {} on a character boundary: '{}…'", what, bytes, maxBytes,
                    fit.substring(0, fit.offsetByCodePoints(0, Math.min(40, fit.codePointCount(0, fit.length())))));
        }
        return fit;
    }
}
