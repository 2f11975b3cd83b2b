package org.kdcmail.kdc.protocol.admin;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.kdcmail.kdc.protocol.wire.Frame;
import org.kdcmail.kdc.protocol.wire.FrameType;

/**
 * An admin command as the payload of an {@link FrameType#ADMIN_REQUEST} frame:
 *
 * <pre>
 * 32 bytes  token
 * 1 byte    command name length n (1..64)
 * n bytes   command name, ASCII [a-z0-9._-]
 * 1 byte    argument count k (0..32)
 * k times:  2 bytes argument length m (0..4096, big-endian), m bytes UTF-8
 * </pre>
 *
 * Nothing may follow the last argument. {@link #toString()} never shows the token.
 *
 * @param token the admin token
 * @param command the command name, e.g. {@code status}
 * @param args the arguments, each at most {@link #MAX_ARG_BYTES} bytes of UTF-8
 */
public record AdminRequest(AdminToken token, String command, List<String> args) {

  public static final int MAX_COMMAND_CHARS = 64;
  public static final int MAX_ARGS = 32;
  public static final int MAX_ARG_BYTES = 4096;

  private static final Pattern COMMAND = Pattern.compile("[a-z0-9._-]{1,64}");

  public AdminRequest {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(command, "command");
    if (!COMMAND.matcher(command).matches()) {
      throw new IllegalArgumentException("command name must match " + COMMAND.pattern());
    }
    args = List.copyOf(args);
    if (args.size() > MAX_ARGS) {
      throw new IllegalArgumentException("at most " + MAX_ARGS + " arguments");
    }
    for (String arg : args) {
      if (arg.getBytes(StandardCharsets.UTF_8).length > MAX_ARG_BYTES) {
        throw new IllegalArgumentException("argument longer than " + MAX_ARG_BYTES + " bytes");
      }
    }
  }

  /** The payload bytes. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(token.bytes());
    out.write(command.length());
    out.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
    out.write(args.size());
    for (String arg : args) {
      byte[] b = arg.getBytes(StandardCharsets.UTF_8);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** This request as an {@link FrameType#ADMIN_REQUEST} frame. */
  public Frame toFrame() {
    return new Frame(FrameType.ADMIN_REQUEST, encode());
  }

  /**
   * Parses an {@link FrameType#ADMIN_REQUEST} payload.
   *
   * @throws IllegalArgumentException if the payload does not follow the layout exactly
   */
  public static AdminRequest decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      byte[] token = new byte[AdminToken.TOKEN_BYTES];
      in.get(token);
      int commandLength = in.get() & 0xFF;
      if (commandLength == 0 || commandLength > MAX_COMMAND_CHARS) {
        throw new IllegalArgumentException("bad command name length");
      }
      String command = strictDecode(in, commandLength);
      int argCount = in.get() & 0xFF;
      if (argCount > MAX_ARGS) {
        throw new IllegalArgumentException("too many arguments");
      }
      List<String> args = new ArrayList<>(argCount);
      for (int i = 0; i < argCount; i++) {
        int length = in.getShort() & 0xFFFF;
        if (length > MAX_ARG_BYTES) {
          throw new IllegalArgumentException("argument too long");
        }
        args.add(strictDecode(in, length));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes after the last argument");
      }
      return new AdminRequest(AdminToken.fromBytes(token), command, args);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("admin request cut short", e);
    }
  }

  private static String strictDecode(ByteBuffer in, int length) {
    ByteBuffer slice = in.slice().limit(length);
    in.position(in.position() + length);
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(slice);
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("invalid UTF-8", e);
    }
  }

  @Override
  public String toString() {
    return "AdminRequest[command=" + command + ", args=" + args.size() + "]";
  }
}
