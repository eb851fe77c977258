package dev.tegula.api;

/** The file formats Tegula reads, recognised by their signatures. */
public enum ImageFormat {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  /** Tegula's own format, docs/format.md. */
  TGL("image/x-tegula", "tgl");

  private final String mimeType;
  private final String extension;

  ImageFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  public String mimeType() {
    return mimeType;
  }

  public String extension() {
    return extension;
  }
}
