package org.semptify.ops;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The Prometheus text format (0.0.4) for the kinds of metric this program registers: counters,
 * gauges and classic histograms. It writes the same bytes as the client library's writer (a test
 * compares them), into one StringBuilder: the library's writer goes through a Writer character by
 * character and took about 180 µs per scrape, most of the cost of {@code GET /metrics}.
 */
final class MetricsText {
  private MetricsText() {}

  static String write(MetricSnapshots snapshots) {
    StringBuilder out = new StringBuilder(32 * 1024);
    for (MetricSnapshot snapshot : snapshots) {
      if (snapshot.getDataPoints().isEmpty()) {
        continue;
      }
      if (snapshot instanceof CounterSnapshot) {
        writeCounter(out, (CounterSnapshot) snapshot);
      } else if (snapshot instanceof GaugeSnapshot) {
        writeGauge(out, (GaugeSnapshot) snapshot);
      } else if (snapshot instanceof HistogramSnapshot) {
        writeHistogram(out, (HistogramSnapshot) snapshot);
      } else {
        throw new IllegalStateException(
            "no text format for " + snapshot.getClass().getSimpleName());
      }
    }
    return out.toString();
  }

  private static void writeCounter(StringBuilder out, CounterSnapshot counter) {
    writeValues(
        out,
        counter.getMetadata().getPrometheusName() + "_total",
        counter.getMetadata().getHelp(),
        "counter",
        counter.getDataPoints(),
        CounterSnapshot.CounterDataPointSnapshot::getValue);
  }

  private static void writeGauge(StringBuilder out, GaugeSnapshot gauge) {
    writeValues(
        out,
        gauge.getMetadata().getPrometheusName(),
        gauge.getMetadata().getHelp(),
        "gauge",
        gauge.getDataPoints(),
        GaugeSnapshot.GaugeDataPointSnapshot::getValue);
  }

  /** One line per data point: {@code name{labels} value}. */
  private static <P extends DataPointSnapshot> void writeValues(
      StringBuilder out,
      String name,
      String help,
      String type,
      List<P> points,
      ToDoubleFunction<P> value) {
    header(out, name, help, type);
    for (P point : points) {
      sample(out, name, point.getLabels());
      out.append(' ').append(number(value.applyAsDouble(point))).append('\n');
    }
  }

  private static void writeHistogram(StringBuilder out, HistogramSnapshot histogram) {
    String name = histogram.getMetadata().getPrometheusName();
    header(out, name, histogram.getMetadata().getHelp(), "histogram");
    double[] bounds = new double[0];
    String[] boundTexts = new String[0];
    for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
      ClassicHistogramBuckets buckets = point.getClassicBuckets();
      if (bounds.length != buckets.size()) {
        bounds = new double[buckets.size()];
        boundTexts = new String[buckets.size()];
      }
      // Every series has the same bounds: format them once (Double.toString is not cheap).
      for (int i = 0; i < buckets.size(); i++) {
        if (boundTexts[i] == null || Double.compare(bounds[i], buckets.getUpperBound(i)) != 0) {
          bounds[i] = buckets.getUpperBound(i);
          boundTexts[i] = number(bounds[i]);
        }
      }
      StringBuilder labels = new StringBuilder();
      labelPairs(labels, point.getLabels());
      String bucketPrefix =
          name + "_bucket{" + labels + (point.getLabels().isEmpty() ? "" : ",") + "le=\"";
      long cumulative = 0;
      for (int i = 0; i < buckets.size(); i++) {
        cumulative += buckets.getCount(i);
        out.append(bucketPrefix).append(boundTexts[i]).append("\"} ").append(cumulative);
        out.append('\n');
      }
      String series = point.getLabels().isEmpty() ? "" : "{" + labels + "}";
      if (point.hasCount()) {
        out.append(name).append("_count").append(series).append(' ').append(point.getCount());
        out.append('\n');
      }
      if (point.hasSum()) {
        out.append(name).append("_sum").append(series).append(' ');
        out.append(number(point.getSum())).append('\n');
      }
    }
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    if (help != null) {
      out.append("# HELP ").append(name).append(' ');
      for (int i = 0; i < help.length(); i++) {
        char c = help.charAt(i);
        if (c == '\\') {
          out.append("\\\\");
        } else if (c == '\n') {
          out.append("\\n");
        } else {
          out.append(c);
        }
      }
      out.append('\n');
    }
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** {@code name} or {@code name{label="value",…}}. */
  private static void sample(StringBuilder out, String name, Labels labels) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      labelPairs(out, labels);
      out.append('}');
    }
  }

  private static void labelPairs(StringBuilder out, Labels labels) {
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(labels.getPrometheusName(i)).append("=\"");
      labelValue(out, labels.getValue(i));
      out.append('"');
    }
  }

  private static void labelValue(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '"') {
        out.append("\\\"");
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
  }

  private static String number(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (value == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    return Double.isNaN(value) ? "NaN" : Double.toString(value);
  }
}
