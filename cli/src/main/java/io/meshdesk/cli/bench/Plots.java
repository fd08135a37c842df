package io.meshdesk.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code --plot DIR}: for every scenario, latency over time (p50 and p99 per second) and throughput
 * over time (successes and errors per second) as PNG files named after the scenario.
 */
final class Plots {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;

  private Plots() {}

  /** Writes both charts of {@code result} into {@code dir}; returns the files written. */
  static List<Path> write(Path dir, BenchResult result) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<LatencyStats.Point> points = result.timeline();
    List<Path> written = new ArrayList<>();
    if (points.isEmpty()) {
      return written;
    }
    Files.createDirectories(dir);
    long t0 = points.getFirst().startMillis();
    XYSeries p50 = new XYSeries("p50");
    XYSeries p99 = new XYSeries("p99");
    XYSeries ok = new XYSeries("completed/s");
    XYSeries failed = new XYSeries("errors/s");
    for (LatencyStats.Point p : points) {
      if (p.endMillis() - p.startMillis() < 200) {
        continue; // the sliver drained when the run ends says nothing per second
      }
      double x = (p.endMillis() - t0) / 1000.0;
      double secs = Math.max(0.001, (p.endMillis() - p.startMillis()) / 1000.0);
      if (p.operations() > 0) {
        p50.add(x, p.p50Ms());
        p99.add(x, p.p99Ms());
      }
      ok.add(x, p.operations() / secs);
      failed.add(x, p.errors() / secs);
    }
    String base = result.scenario().replaceAll("[^A-Za-z0-9._-]", "_");
    written.add(
        save(
            dir.resolve(base + "-latency.png"),
            result.scenario() + ": latency per second",
            "latency (ms)",
            collection(p50, p99)));
    written.add(
        save(
            dir.resolve(base + "-throughput.png"),
            result.scenario() + ": throughput per second",
            "operations per second",
            collection(ok, failed)));
    return written;
  }

  private static XYSeriesCollection collection(XYSeries... series) {
    XYSeriesCollection c = new XYSeriesCollection();
    for (XYSeries s : series) {
      c.addSeries(s);
    }
    return c;
  }

  private static Path save(Path file, String title, String yLabel, XYSeriesCollection data)
      throws IOException {
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "seconds into the measured run",
            yLabel,
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    chart.getXYPlot().setBackgroundPaint(java.awt.Color.WHITE);
    chart.getXYPlot().setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
    chart.getXYPlot().setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    return file;
  }
}
