package org.semptify.ops;

import java.math.BigDecimal;
import java.time.Clock;

/** The seed's {@code ts}: epoch seconds with millisecond decimals, e.g. {@code 1699123456.789}. */
public final class EpochSeconds {
  private EpochSeconds() {}

  /** A decimal (not a double) so that JSON shows {@code 1699123456.789}, never {@code 1.699E9}. */
  public static BigDecimal of(Clock clock) {
    return BigDecimal.valueOf(clock.millis(), 3);
  }
}
