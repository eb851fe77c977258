package dev.tegula.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tegula.core.DecodedImage;
import dev.tegula.core.Image;
import dev.tegula.core.Metadata;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of the lossy encoders' default files (JPEG and .tgl, three qualities) on two
 * photos and an odd-sized synthetic image, whose SHA-256 were taken before session 23's
 * speed-only changes to the encoders (the .tgl encoder's inverse lapping as a wavefront): a
 * change meant to move no byte must keep every one of them. A change that means to move bytes
 * updates them, saying so.
 */
class EncoderBytesTest {
  private static final int[] QUALITIES = {50, 75, 90};
  private static final ImageFormat[] FORMATS = {ImageFormat.JPEG, ImageFormat.TGL};

  /** Image, format, quality and SHA-256, as taken before session 23's changes. */
  private static final String[] EXPECTED = {
    "photos/astronaut.png JPEG q50 7ea1a86755913d132a8e32987f90e58af8e20b30b86ef0e882b45ae7f40b8a65",
    "photos/astronaut.png JPEG q75 840bd473da90b8672186df6da7ddcf59bc209caf0f5cd99626049af7ba8477db",
    "photos/astronaut.png JPEG q90 40c69049d9912508a514dc588fa7994f0c384f87919a709c632f0d00a3f55e81",
    "photos/astronaut.png TGL q50 b1a6a579ecc4731145300765e7b5ffaf5cc97f82f9f9b20126e973012542b5df",
    "photos/astronaut.png TGL q75 cc13013f9560f07983a041dd60b929daf6fe5091b3d680f0eb62ac838252aaf7",
    "photos/astronaut.png TGL q90 b4eef167c94acb855da7fff2ac52e978d97dda09bf170725b28a2f5c31b16bb0",
    "photos/flower.png JPEG q50 ea8c5a0dcb9d2f07c0a4fbf3df54b240b9db220ee0714f7d292ee5ff06aeb33c",
    "photos/flower.png JPEG q75 36804ca74ff23772f2fc4b6b5c6540aa55c346cf610529ae8b86a4287464f35e",
    "photos/flower.png JPEG q90 a34718bd639c08a44f37049f3486f553252dcd0abf519dab3c260d90f6f38f85",
    "photos/flower.png TGL q50 4c0ad19b6bca19ec971050cb7fa84462e48ef1656485e14854a90e7a5a9258c8",
    "photos/flower.png TGL q75 c6c7d282e4994b3c83ed599cfcc0a7a464485a3c7aa9785709ad218aa44f5b1e",
    "photos/flower.png TGL q90 a6038d91986718300396b83ecfe756eb9d99d26db5f7f0b1aa63f481cd984d2c",
    "synthetic 331x203 JPEG q50 4b0a4a82cab1b1d01114efa9ec1f8fb7d28240bcaa0b225c212a92eaf3b9dba5",
    "synthetic 331x203 JPEG q75 311ac4c603a30c0ebaf7e0b93df21bc879caa48d066ecdf5271079f6fd8cc01b",
    "synthetic 331x203 JPEG q90 619cdfd1f3d0dfd4efe14f4faf37d73d9fe3110296e29e39a02d64bfa639ad42",
    "synthetic 331x203 TGL q50 1dd757810e4c3b55f03aa5a9c63e9061a9af92fbac0c64329b481d8ef9a8de88",
    "synthetic 331x203 TGL q75 4ba5babdf712bd688c054ae673465855bc92fb1423956540fcf4ae49d2ee3045",
    "synthetic 331x203 TGL q90 5df5b5609e609d4e87f17ee669f096f3561d1009807cfca96a5f9c7e7f6ef0c6"
  };

  @Test
  void defaultLossyFilesKeepTheirBytes() throws IOException {
    assertEquals(String.join("\n", EXPECTED), String.join("\n", digests()));
  }

  static List<String> digests() throws IOException {
    List<String> lines = new ArrayList<>();
    String[] names = {"photos/astronaut.png", "photos/flower.png", "synthetic 331x203"};
    for (String name : names) {
      Image image = name.startsWith("synthetic") ? synthetic(331, 203)
          : Tegula.decode(CompressPipelineTest.file(name)).image();
      DecodedImage source = new DecodedImage(new Image(image.width(), image.height(),
          image.rgba()), null, Metadata.EMPTY, true, null);
      for (ImageFormat format : FORMATS) {
        for (int q : QUALITIES) {
          byte[] bytes = Tegula.compress(source, CompressOptions.lossy(q).withFormat(format))
              .bytes();
          lines.add(name + " " + format + " q" + q + " " + sha256(bytes));
        }
      }
    }
    return lines;
  }

  /** Gradients with xorshift noise and odd sides, so that partial blocks and edges are coded. */
  private static Image synthetic(int w, int h) {
    byte[] rgba = new byte[w * h * 4];
    int s = 0x2545F491;
    for (int i = 0; i < w * h; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      int x = i % w;
      int y = i / w;
      rgba[4 * i] = (byte) (x * 255 / (w - 1) + (s & 31));
      rgba[4 * i + 1] = (byte) (y * 255 / (h - 1) ^ (s >>> 8 & 15));
      rgba[4 * i + 2] = (byte) ((x * y) >> 6);
      rgba[4 * i + 3] = (byte) 255;
    }
    return new Image(w, h, rgba);
  }

  private static String sha256(byte[] bytes) {
    try {
      StringBuilder s = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        s.append(String.format("%02x", b));
      }
      return s.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Prints {@link #EXPECTED}'s lines for the current encoders, for a change meant to move bytes. */
  public static void main(String[] args) throws IOException {
    for (String line : digests()) {
      System.out.println("    \"" + line + "\",");
    }
  }
}
