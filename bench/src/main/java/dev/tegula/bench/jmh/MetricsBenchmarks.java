package dev.tegula.bench.jmh;

import dev.tegula.core.Image;
import dev.tegula.metrics.Luma;
import dev.tegula.metrics.Metrics;
import dev.tegula.metrics.MsSsim;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The metrics on the benchmark photo against its JPEG decode: scikit-image's SSIM alone, MS-SSIM
 * of luma (from the luma planes, as {@link Metrics#compare} computes it) and every metric at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetricsBenchmarks {
  private Image reference;
  private Image test;

  @Setup
  public void setUp() {
    BenchImages images = BenchImages.get();
    reference = images.photo;
    test = images.decodedJpeg;
    double ssim = Metrics.ssim(reference, test);
    if (!(ssim > 0.8 && ssim < 1)) {
      throw new IllegalStateException("SSIM of the JPEG decode is " + ssim);
    }
  }

  @Benchmark
  public double ssim() {
    return Metrics.ssim(reference, test);
  }

  @Benchmark
  public Object msSsim() {
    int pixels = reference.width() * reference.height();
    return MsSsim.compute(Luma.plane(reference.rgba(), pixels), Luma.plane(test.rgba(), pixels),
        reference.width(), reference.height());
  }

  @Benchmark
  public Object allMetrics() {
    return Metrics.compare(reference, test);
  }
}
