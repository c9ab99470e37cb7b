package org.semptify.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The launcher's training run walks the real workload without a single failed request. */
class CdsTrainingTest {
  @Test
  void theWholeWorkloadAnswersWithoutFailures() throws Exception {
    assertThat(CdsTraining.train()).isZero();
  }
}
