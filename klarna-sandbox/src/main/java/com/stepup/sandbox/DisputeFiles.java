package com.stepup.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files Klarna takes as dispute evidence (KLARNA-API.md §11.5): PDF, JPEG, PNG or DOCX, the
 * content and the name's extension agreeing, 1 byte to 7 MiB.
 */
final class DisputeFiles {

  static final long MAX_FILE_BYTES = 7L * 1024 * 1024;

  /** File types Klarna takes, by extension: the MIME type and the content's first bytes. */
  enum FileType {
    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "pdf"),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "jpg", "jpeg"),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, "png"),
    DOCX(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        new byte[] {'P', 'K', 3, 4},
        "docx");

    final String mimeType;
    final byte[] magic;
    final List<String> extensions;

    FileType(String mimeType, byte[] magic, String... extensions) {
      this.mimeType = mimeType;
      this.magic = magic;
      this.extensions = List.of(extensions);
    }

    static Optional<FileType> ofExtension(String extension) {
      for (FileType t : values()) {
        if (t.extensions.contains(extension.toLowerCase(Locale.ROOT))) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    boolean matches(byte[] content) {
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

  private DisputeFiles() {}

  /**
   * What Klarna refuses about a file: an empty one, one over 7 MiB, a type other than PDF, JPEG,
   * PNG or DOCX, content that is not what its extension says, a {@code filename} over 1,000
   * characters or with an extension of its own.
   */
  static FileType checkFile(
      String filename, String partFilename, byte[] content, List<KlarnaError.Invalid> invalid) {
    if (content == null || content.length == 0) {
      invalid.add(new KlarnaError.Invalid("file", "is required and must not be empty"));
      return null;
    }
    if (content.length > MAX_FILE_BYTES) {
      invalid.add(new KlarnaError.Invalid("file", "Maximum file size is 7MB"));
    }
    String extension = extension(partFilename);
    FileType type = FileType.ofExtension(extension).orElse(null);
    if (type == null) {
      invalid.add(
          new KlarnaError.Invalid(
              "file",
              "Supported file types: PDF, JPEG, PNG, and DOCX (.pdf, .jpg, .jpeg, .png, .docx)"));
    } else if (!type.matches(content)) {
      invalid.add(new KlarnaError.Invalid("file", "the content is not a " + type + " file"));
    }
    if (filename != null) {
      if (filename.isEmpty() || filename.length() > 1000) {
        invalid.add(new KlarnaError.Invalid("filename", "must be 1 to 1000 characters"));
      } else if (filename.contains(".")
          && FileType.ofExtension(extension(filename)).isPresent()
          && !extension(filename).equalsIgnoreCase(extension)) {
        invalid.add(
            new KlarnaError.Invalid(
                "filename", "the file extension must match the extension of the uploaded file"));
      }
    }
    return type;
  }

  static String extension(String name) {
    if (name == null || name.lastIndexOf('.') < 0) {
      return "";
    }
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
