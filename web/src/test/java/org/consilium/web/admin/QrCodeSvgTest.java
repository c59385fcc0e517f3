package org.consilium.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrCodeSvgTest {

    private static final String URI = "otpauth://totp/Consilium%3Asrivera?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Consilium&algorithm=SHA1&digits=6&period=30";

    @Test
    void theSvgReadsBackAsTheKeyUri() throws Exception {
        String svg = QrCodeSvg.of(URI, "QR code");
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find());
        int size = Integer.parseInt(box.group(1));
        int scale = 4;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xffffffff);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int x = x0; x < x0 + length; x++) {
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0xff000000;
                    }
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(size * scale, size * scale, pixels)));

        assertEquals(URI, new QRCodeReader().decode(bitmap).getText());
    }

    @Test
    void itIsAnAccessibleImageWithoutStyleOrScript() {
        String svg = QrCodeSvg.of(URI, "QR code of \"the\" <key> & more");

        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" role=\"img\" "
                + "aria-label=\"QR code of &quot;the&quot; &lt;key> &amp; more\""), svg);
        assertFalse(svg.contains("style="), "the CSP allows no style attribute");
        assertFalse(svg.contains("<script"));
    }
}
