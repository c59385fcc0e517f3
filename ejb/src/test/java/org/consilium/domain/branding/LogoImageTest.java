package org.consilium.domain.branding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LogoImageTest {

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x7a1f5c);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    @Test
    void aPngIsReadWithItsSizeAndDigest() throws IOException {
        byte[] png = image("png", 120, 40);
        LogoImage logo = LogoImage.read(png);
        assertEquals(LogoImage.Type.PNG, logo.type());
        assertEquals("image/png", logo.type().mediaType());
        assertEquals(120, logo.width());
        assertEquals(40, logo.height());
        assertEquals(64, logo.sha256().length());
        assertArrayEquals(png, logo.bytes());
        assertTrue(logo.audited().startsWith("image/png 120x40 " + png.length + " bytes sha256="), logo.audited());
    }

    @Test
    void aJpegIsReadToo() throws IOException {
        LogoImage logo = LogoImage.read(image("jpeg", 64, 32));
        assertEquals("image/jpeg", logo.type().mediaType());
        assertEquals(64, logo.width());
    }

    @Test
    void anSvgIsRefusedAsSuch() {
        byte[] svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(refusal(svg).startsWith("SVG files are not accepted"), refusal(svg));
        assertTrue(refusal("  <svg viewBox='0 0 1 1'/>".getBytes(StandardCharsets.UTF_8)).startsWith("SVG files"));
    }

    @Test
    void textNamedPngIsNotAnImage() {
        assertEquals("This file is not a PNG or JPEG image (whatever its name says); upload the logo as a PNG or JPEG "
                + "image", refusal("Just some text, saved as logo.png\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void otherImageFormatsAreNamed() throws IOException {
        assertEquals("This is a GIF image; upload the logo as a PNG or JPEG image", refusal(image("gif", 10, 10)));
    }

    @Test
    void aFileThatOnlyStartsLikeAPngIsRefused() throws IOException {
        byte[] png = image("png", 120, 40);
        byte[] damaged = Arrays.copyOf(png, 40);
        assertTrue(refusal(damaged).startsWith("The file starts as a PNG image but cannot be read as one"), refusal(damaged));
        byte[] garbage = new byte[2000];
        new Random(1).nextBytes(garbage);
        System.arraycopy(png, 0, garbage, 0, 8);
        assertTrue(refusal(garbage).startsWith("The file starts as a PNG image"), refusal(garbage));
    }

    @Test
    void tooLargeFilesAndImagesAreRefused() throws IOException {
        byte[] big = Arrays.copyOf(image("png", 10, 10), LogoImage.MAX_BYTES + 1);
        assertEquals("The file is 256.1 KiB; a logo may be at most 256 KiB", refusal(big));
        assertEquals("The image is 4000 × 10 pixels; a logo may be at most 2048 pixels wide and high",
                refusal(image("png", 4000, 10)));
        assertEquals("Choose a PNG or JPEG file to upload", refusal(new byte[0]));
    }

    private static String refusal(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> LogoImage.read(bytes)).getMessage();
    }
}
