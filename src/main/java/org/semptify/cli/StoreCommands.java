package org.semptify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import org.semptify.store.BlobStore;
import org.semptify.store.VaultRepository;
import org.semptify.store.s3.S3BlobStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code semptify store …}: what the configured store holds, and whether every byte reads back. */
public final class StoreCommands {
  private StoreCommands() {}

  public static CommandLine commandLine(CliEnvironment environment) {
    return new CommandLine(new Group()).addSubcommand(new Check(environment));
  }

  @Command(
      name = "store",
      mixinStandardHelpOptions = true,
      description = {
        "Inspect where Semptify keeps its data (SEMPTIFY_STORE: files or PostgreSQL;"
            + " SEMPTIFY_BLOB_STORE: files or a bucket).",
        "Needs no key: vaults stay encrypted; counts, sizes and readability are what is checked."
      })
  static final class Group extends GroupCommand {}

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Count accounts, vaults, documents and blobs, read every committed blob to its end, and",
        "count abandoned uploads in the bucket. Exit 0 when everything reads back, 1 when a vault",
        "has blobs but no manifest or a blob cannot be read whole, 2 when the store cannot be used."
      })
  static final class Check implements Callable<Integer> {
    private final CliEnvironment environment;

    @Mixin DataRootOption root;

    Check(CliEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Integer call() {
      return Failures.run(
          environment,
          () -> {
            StateFiles files = StateFiles.open(environment, root.dataRoot);
            S3BlobStore bucket = files.connectBucket();
            try (AutoCloseable closing = bucket == null ? () -> {} : bucket) {
              BlobStore blobs = files.blobs(bucket);
              return check(files, files.vaults(blobs), bucket);
            }
          });
    }

    private int check(StateFiles files, VaultRepository vaults, S3BlobStore bucket)
        throws IOException {
      var out = environment.out();
      out.println("store: file (" + files.dataRoot.root() + ")");
      out.println(
          "blobs: "
              + (bucket == null
                  ? "file (uploads/vault/<user id>/blobs/)"
                  : "s3, bucket '" + files.blobStore.bucket() + "'"));
      out.println("accounts: " + files.users.list().size());
      out.println("admin tokens: " + files.adminTokens.list().size());
      int vaultCount = 0;
      int documents = 0;
      int committed = 0;
      int pending = 0;
      long bytes = 0;
      int problems = 0;
      for (String userId : vaults.vaultIds()) {
        java.util.List<String> names = vaults.documentNames(userId);
        java.util.List<BlobStore.BlobEntry> blobs = vaults.listBlobs(userId);
        if (names.isEmpty() && blobs.isEmpty()) {
          continue;
        }
        vaultCount++;
        documents += names.size();
        if (!names.contains("manifest") && !blobs.isEmpty()) {
          out.println("problem: vault " + userId + " has blobs but no manifest");
          problems++;
        }
        for (BlobStore.BlobEntry blob : blobs) {
          if (blob.pending()) {
            pending++;
            continue;
          }
          committed++;
          long read = readWhole(vaults, userId, blob.docId());
          if (read < 0) {
            out.println(
                "problem: blob " + blob.docId() + " of vault " + userId + " does not read whole");
            problems++;
          } else {
            bytes += read;
          }
        }
      }
      out.println("vaults: " + vaultCount);
      out.println("documents: " + documents);
      out.println(
          "blobs: "
              + committed
              + " committed ("
              + bytes
              + " bytes, read back whole), "
              + pending
              + " pending");
      if (bucket != null) {
        out.println(
            "abandoned uploads in the bucket: "
                + bucket.abandonedUploads()
                + " (removed at the next start)");
      }
      out.println(problems == 0 ? "ok" : problems + " problem(s)");
      return problems == 0 ? 0 : 1;
    }

    /** The blob's stored bytes read to the end and counted; -1 when it is gone or breaks off. */
    private static long readWhole(VaultRepository vaults, String userId, String docId) {
      try {
        var blob = vaults.openBlob(userId, docId);
        if (blob.isEmpty()) {
          return -1;
        }
        try (InputStream in = blob.get().content()) {
          long read = in.transferTo(OutputStream.nullOutputStream());
          return read == blob.get().size() ? read : -1;
        }
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
  }
}
