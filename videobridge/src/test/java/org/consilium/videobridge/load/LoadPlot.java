package org.consilium.videobridge.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws a run's figures against load (forwarded packets/s): bridge CPU seconds per
 * million forwarded packets, and p99 transit in microseconds, each on its own axis.
 * Plain AWT, headless: no plotting library needed for two lines.
 */
final class LoadPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 80;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color CPU = new Color(0x1F77B4);
    private static final Color TRANSIT = new Color(0xD62728);

    private LoadPlot() {
    }

    static void write(List<Result> results, String title, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 25);
        double maxLoad = max(results, Result::packetsPerSecond);
        double maxCpu = max(results, Result::cpuSecondsPerMillionPackets);
        double maxTransit = max(results, r -> r.transit().getValueAtPercentile(99) / 1e3);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        for (int tick = 0; tick <= 4; tick++) {
            int y = TOP + plotHeight - tick * plotHeight / 4;
            int x = LEFT + tick * plotWidth / 4;
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(CPU);
            g.drawString(String.format(Locale.ROOT, "%.1f", maxCpu * tick / 4), 10, y + 5);
            g.setColor(TRANSIT);
            g.drawString(String.format(Locale.ROOT, "%.0f", maxTransit * tick / 4), LEFT + plotWidth + 8, y + 5);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0fk", maxLoad * tick / 4 / 1000), x - 12, TOP + plotHeight + 20);
        }
        g.drawString("forwarded packets per second", LEFT + plotWidth / 2 - 90, HEIGHT - 15);
        g.setColor(CPU);
        g.drawString("CPU s per million packets", LEFT, TOP - 8);
        g.setColor(TRANSIT);
        g.drawString("p99 transit (us)", LEFT + plotWidth - 100, TOP - 8);
        line(g, results, CPU, maxLoad, maxCpu, Result::cpuSecondsPerMillionPackets, plotWidth, plotHeight);
        line(g, results, TRANSIT, maxLoad, maxTransit, r -> r.transit().getValueAtPercentile(99) / 1e3, plotWidth, plotHeight);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void line(Graphics2D g, List<Result> results, Color color, double maxX, double maxY,
                             ToDoubleFunction<Result> y, int plotWidth, int plotHeight) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int previousX = -1;
        int previousY = -1;
        for (Result result : results) {
            int px = LEFT + (int) (result.packetsPerSecond() / maxX * plotWidth);
            int py = TOP + plotHeight - (int) (y.applyAsDouble(result) / maxY * plotHeight);
            g.fillOval(px - 4, py - 4, 8, 8);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, px, py);
            }
            previousX = px;
            previousY = py;
        }
    }

    private static double max(List<Result> results, ToDoubleFunction<Result> figure) {
        return Math.max(1e-9, results.stream().mapToDouble(figure).max().orElse(1) * 1.1);
    }
}
