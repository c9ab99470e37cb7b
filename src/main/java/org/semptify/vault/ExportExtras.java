package org.semptify.vault;

import java.util.Map;

/**
 * More files for a vault's export, from features that keep their data beside the vault (the
 * records): path inside the ZIP → bytes. They are listed in SHA256SUMS like everything else, but
 * they are not certificates: nothing signs them.
 */
public interface ExportExtras {
  Map<String, byte[]> files(Vault vault);
}
