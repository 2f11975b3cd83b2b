package org.kdcmail.mime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM entry point for {@link BigMessageTest}: wraps args[0] into args[1], unwraps it into
 * args[2], spooling in args[3]; prints the verdict and the max heap.
 */
public final class BigMessageMain {
  private BigMessageMain() {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path wrapped = Path.of(args[1]);
    Path out = Path.of(args[2]);
    Path spool = Path.of(args[3]);
    TestKdc kdc = new TestKdc();
    TestKdc.Issued issued = kdc.issue("alice@corp.example", List.of("bob@corp.example"));
    try (InputStream i = new BufferedInputStream(Files.newInputStream(in));
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(wrapped))) {
      MailWrapper.wrap(
          i, o, TestKdc.material(issued), WrapOptions.builder().spoolDir(spool).build());
    }
    Verdict v;
    try (InputStream i = Files.newInputStream(wrapped);
        OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
      v =
          Wrapped.plainUnwrapper()
              .unwrap(i, "bob@corp.example", kdc.opener("bob@corp.example"), o, spool);
    }
    System.out.println("verdict=" + v.status() + " maxHeap=" + Runtime.getRuntime().maxMemory());
  }
}
