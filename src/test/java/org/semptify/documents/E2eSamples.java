package org.semptify.documents;

/** Sample files for the end-to-end tests of other packages. */
public final class E2eSamples {
  private E2eSamples() {}

  /** A camera-like JPEG showing {@code caption}. */
  public static byte[] photo(String caption) {
    return ExhibitSamples.photo(caption, 1200, 900);
  }
}
