package org.kdcmail.gateway.hold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kdcmail.kdc.protocol.MasterKey;
import org.kdcmail.secrets.OwnerOnlyFile;
import org.kdcmail.secrets.SecretBytes;

/**
 * The durable spool of messages held until their recipients enroll, in {@code home/gateway/held/}:
 * per message an owner-only {@code ID.json} (the {@link HeldMessage} record, written last, so its
 * presence means the message is complete), {@code ID.msg} (the message) and {@code ID.login} (the
 * sender's login password, needed to relay it later), both {@link SealedFile}s under keys derived
 * from the sender's master key — a held message can be read, and sent, only while its sender is
 * unlocked. {@code ID.release} marks a message an administrator released.
 *
 * <p>The gateway and {@code kdcmail admin held} share the folder: the command only lists, marks for
 * release and deletes; only the gateway reads and sends.
 */
public final class HoldSpool {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path folder;

  /** The spool of the gateway whose home folder is {@code home}. */
  public HoldSpool(Path home) {
    this.folder = folder(home);
  }

  /** {@code home/gateway/held}. */
  public static Path folder(Path home) {
    return home.resolve("gateway").resolve("held");
  }

  /** The spool folder. */
  public Path folder() {
    return folder;
  }

  static String requireId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "'" + id + "' is not a held message id (see kdcmail admin held list)");
    }
    return id;
  }

  /**
   * Stores a message durably (forced to disk) and returns its record.
   *
   * @param message the message as the client sent it
   * @param password the sender's login password, sealed with the message
   * @param senderKey the sender's master key: the seal keys are derived from it
   */
  public HeldMessage hold(
      String sender,
      List<String> recipients,
      List<String> waitingFor,
      String messageId,
      InputStream message,
      String password,
      MasterKey senderKey)
      throws IOException {
    ensureFolder();
    Instant now = Instant.now();
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    String id = ID_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
    byte[] salt = new byte[32];
    RANDOM.nextBytes(salt);
    long size;
    SecretBytes messageKey = HoldKeys.message(senderKey, salt);
    try (OutputStream out = SealedFile.create(file(id, ".msg"), messageKey)) {
      size = message.transferTo(out);
    } finally {
      messageKey.destroy();
    }
    SecretBytes loginKey = HoldKeys.login(senderKey, salt);
    try (OutputStream out = SealedFile.create(file(id, ".login"), loginKey)) {
      out.write(password.getBytes(StandardCharsets.UTF_8));
    } finally {
      loginKey.destroy();
    }
    HeldMessage held =
        new HeldMessage(
            id,
            sender,
            recipients,
            waitingFor,
            messageId,
            size,
            now,
            Optional.empty(),
            Optional.empty());
    write(held, salt);
    return held;
  }

  /** Every complete held message, oldest first. */
  public List<HeldMessage> list() throws IOException {
    List<HeldMessage> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        find(name.substring(0, name.length() - ".json".length())).ifPresent(out::add);
      }
    }
    out.sort(Comparator.comparing(HeldMessage::heldAt).thenComparing(HeldMessage::id));
    return out;
  }

  /** The record of {@code id}, or empty if there is none (any more). */
  public Optional<HeldMessage> find(String id) throws IOException {
    Path f = file(requireId(id), ".json");
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(JSON.readTree(Files.readAllBytes(f))));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty(); // discarded meanwhile
    } catch (RuntimeException e) {
      throw new IOException("held message record " + f + " is damaged: " + e.getMessage(), e);
    }
  }

  /** A stream over the held message; only the sender's master key opens it. */
  public InputStream openMessage(HeldMessage held, MasterKey senderKey) throws IOException {
    SecretBytes k = HoldKeys.message(senderKey, salt(held.id()));
    try {
      return SealedFile.open(file(held.id(), ".msg"), k);
    } finally {
      k.destroy();
    }
  }

  /** The sender's login password stored with the message. */
  public String login(HeldMessage held, MasterKey senderKey) throws IOException {
    SecretBytes k = HoldKeys.login(senderKey, salt(held.id()));
    try (InputStream in = SealedFile.open(file(held.id(), ".login"), k)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      k.destroy();
    }
  }

  /** Replaces the record of {@code held} (after an attempt). */
  public void update(HeldMessage held) throws IOException {
    if (Files.exists(file(held.id(), ".json"))) {
      write(held, salt(held.id()));
    }
  }

  /** Marks {@code id} for sending now; false if there is no such held message. */
  public boolean requestRelease(String id) throws IOException {
    if (find(id).isEmpty()) {
      return false;
    }
    Path marker = file(id, ".release");
    if (!Files.exists(marker)) {
      OwnerOnlyFile.writeAtomically(
          marker, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
    }
    return true;
  }

  /** Whether an administrator released {@code id}. */
  public boolean releaseRequested(String id) {
    return Files.exists(file(requireId(id), ".release"));
  }

  /** Deletes {@code id} and its files (the record first); false if there was none. */
  public boolean remove(String id) throws IOException {
    boolean existed = Files.deleteIfExists(file(requireId(id), ".json"));
    for (String suffix : List.of(".msg", ".login", ".release")) {
      existed |= Files.deleteIfExists(file(id, suffix));
    }
    return existed;
  }

  private Path file(String id, String suffix) {
    return folder.resolve(id + suffix);
  }

  private void ensureFolder() throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(
          folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(folder);
    }
  }

  private byte[] salt(String id) throws IOException {
    JsonNode o = JSON.readTree(Files.readAllBytes(file(id, ".json")));
    return Base64.getDecoder().decode(o.path("salt").asText());
  }

  private void write(HeldMessage h, byte[] salt) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", h.id());
    o.put("sender", h.sender());
    ArrayNode rcpts = o.putArray("recipients");
    h.recipients().forEach(rcpts::add);
    ArrayNode waiting = o.putArray("waitingFor");
    h.waitingFor().forEach(waiting::add);
    o.put("messageId", h.messageId());
    o.put("sizeBytes", h.sizeBytes());
    o.put("heldAt", h.heldAt().toString());
    h.lastAttempt().ifPresent(t -> o.put("lastAttempt", t.toString()));
    h.lastError().ifPresent(e -> o.put("lastError", e));
    o.put("salt", Base64.getEncoder().encodeToString(salt));
    OwnerOnlyFile.writeAtomically(
        file(h.id(), ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
  }

  private static HeldMessage parse(JsonNode o) {
    List<String> rcpts = new ArrayList<>();
    o.path("recipients").forEach(n -> rcpts.add(n.asText()));
    List<String> waiting = new ArrayList<>();
    o.path("waitingFor").forEach(n -> waiting.add(n.asText()));
    return new HeldMessage(
        o.path("id").asText(),
        o.path("sender").asText(),
        rcpts,
        waiting,
        o.path("messageId").asText(""),
        o.path("sizeBytes").asLong(),
        Instant.parse(o.path("heldAt").asText()),
        o.hasNonNull("lastAttempt")
            ? Optional.of(Instant.parse(o.get("lastAttempt").asText()))
            : Optional.empty(),
        o.hasNonNull("lastError") ? Optional.of(o.get("lastError").asText()) : Optional.empty());
  }
}
