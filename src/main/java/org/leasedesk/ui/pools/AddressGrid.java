package org.leasedesk.ui.pools;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.leasedesk.lease.AddressMap;
import org.leasedesk.lease.Ipv4Address;

/**
 * A pool's addresses as a grid of coloured cells, one per address, painted on one canvas: the
 * states go into an image one pixel per address, which is drawn scaled up, so a /16 pool (65,536
 * addresses) is as quick as a /24 and no node exists per address.
 *
 * <p>A canvas cannot use the stylesheet's looked-up colours, so the state colours are here, chosen
 * to read on both the light and the dark palette.
 */
final class AddressGrid extends Canvas {

    static final Map<AddressMap.State, Color> COLOURS = new EnumMap<>(Map.of(
            AddressMap.State.FREE, Color.web("#d0d7de"),
            AddressMap.State.LEASED, Color.web("#2da44e"),
            AddressMap.State.OFFERED, Color.web("#54aeff"),
            AddressMap.State.RESERVED, Color.web("#8250df"),
            AddressMap.State.DECLINED, Color.web("#cf222e"),
            AddressMap.State.EXPIRED, Color.web("#d4a72c")));

    private AddressMap map;
    private int columns = 1;
    private double cell = 1;

    AddressGrid(double width, double height) {
        super(width, height);
        setId("pool-heatmap");
    }

    /** Calls {@code onAddress} with the address under a click. */
    void onAddressClicked(Consumer<Ipv4Address> onAddress) {
        setOnMouseClicked(event -> addressAt(event.getX(), event.getY()).ifPresent(onAddress));
    }

    Optional<Ipv4Address> addressAt(double x, double y) {
        if (map == null) {
            return Optional.empty();
        }
        int index = (int) (y / cell) * columns + (int) (x / cell);
        return x < columns * cell && index >= 0 && index < map.size() ? Optional.of(map.addressAt(index)) : Optional.empty();
    }

    /** The centre of an address's cell, for tests that click one. */
    double[] centreOf(int index) {
        return new double[] {(index % columns + 0.5) * cell, (index / columns + 0.5) * cell};
    }

    void show(AddressMap shown) {
        this.map = shown;
        int size = shown.size();
        // The largest square cells that fit every address in the canvas, at least one pixel.
        cell = Math.max(1, Math.floor(Math.sqrt(getWidth() * getHeight() / size)));
        while (cell > 1 && Math.ceil(size / Math.floor(getWidth() / cell)) * cell > getHeight()) {
            cell--;
        }
        columns = (int) Math.max(1, Math.floor(getWidth() / cell));
        int rows = (size + columns - 1) / columns;
        int[] pixels = new int[columns * rows];
        int background = argb(Color.TRANSPARENT);
        java.util.Arrays.fill(pixels, background);
        int[] colour = new int[AddressMap.State.values().length];
        COLOURS.forEach((state, c) -> colour[state.ordinal()] = argb(c));
        for (int i = 0; i < size; i++) {
            pixels[i] = colour[shown.stateAt(i).ordinal()];
        }
        WritableImage image = new WritableImage(columns, rows);
        image.getPixelWriter().setPixels(0, 0, columns, rows, PixelFormat.getIntArgbInstance(), pixels, 0, columns);
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        g.setImageSmoothing(false);
        g.drawImage(image, 0, 0, columns * cell, rows * cell);
        if (cell >= 6) {
            // Gaps between larger cells make single addresses countable.
            g.setStroke(Color.web("#ffffff", 0.8));
            g.setLineWidth(1);
            for (int c = 0; c <= columns; c++) {
                g.strokeLine(c * cell, 0, c * cell, rows * cell);
            }
            for (int r = 0; r <= rows; r++) {
                g.strokeLine(0, r * cell, columns * cell, r * cell);
            }
        }
    }

    private static int argb(Color c) {
        return ((int) Math.round(c.getOpacity() * 255) << 24) | ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }
}
