package com.stepup.gateway.disputes.internal;

import com.stepup.gateway.platform.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What Klarna takes as a dispute attachment (KLARNA-API.md §11.2), checked before anything reaches
 * Klarna: PDF, JPEG, PNG or DOCX, known by the file name's extension and confirmed by the content's
 * first bytes; not empty; at most 7 MiB.
 */
final class AttachmentCheck {

  static final long MAX_BYTES = 7L * 1024 * 1024;

  /** A type Klarna takes: its MIME type, its extensions and the bytes its content opens with. */
  enum FileType {
    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "pdf"),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "jpg", "jpeg"),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "png"),
    DOCX(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        new byte[] {'P', 'K', 3, 4},
        "docx");

    final String mimeType;
    private final byte[] magic;
    private final List<String> extensions;

    FileType(String mimeType, byte[] magic, String... extensions) {
      this.mimeType = mimeType;
      this.magic = magic;
      this.extensions = List.of(extensions);
    }

    static Optional<FileType> of(String filename) {
      int dot = filename == null ? -1 : filename.lastIndexOf('.');
      String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
      for (FileType t : values()) {
        if (t.extensions.contains(extension)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    boolean opens(byte[] content) {
      if (content.length < magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        if (content[i] != magic[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private AttachmentCheck() {}

  /** The file's type, or the reasons it is refused (field {@code file}). */
  static FileType check(String filename, byte[] content, List<FieldError> errors) {
    List<FieldError> found = new ArrayList<>();
    if (filename == null || filename.isBlank() || filename.length() > 255) {
      found.add(new FieldError("file", "must have a file name of 1 to 255 characters"));
    }
    if (content == null || content.length == 0) {
      found.add(new FieldError("file", "is empty"));
      errors.addAll(found);
      return null;
    }
    if (content.length > MAX_BYTES) {
      found.add(new FieldError("file", "is over 7 MB (" + content.length + " bytes)"));
    }
    FileType type = FileType.of(filename).orElse(null);
    if (type == null) {
      found.add(new FieldError("file", "must be a PDF, JPEG, PNG or DOCX file"));
    } else if (!type.opens(content)) {
      found.add(new FieldError("file", "is not a " + type + " file, whatever its name says"));
    }
    errors.addAll(found);
    return found.isEmpty() ? type : null;
  }
}
